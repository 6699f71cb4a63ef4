/** Branding rules: colour contrast, image sniffing, asset slots. Pure. */
import { contrastRatio } from './contrast';

export const BRAND_SLOTS = ['logo-light', 'logo-dark', 'favicon'] as const;
export type BrandSlot = (typeof BRAND_SLOTS)[number];

/** Under the default MAX_BODY_BYTES (256 KB) even as base64 in JSON. */
export const MAX_BRAND_ASSET_BYTES = 180 * 1024;
export const MAX_FOOTER_LINKS = 5;
export const MIN_BRAND_CONTRAST = 3;

/** Backgrounds the brand colour sits on: --card and --bg of the light and the dark theme (global.css). */
const THEME_BACKGROUNDS = { light: ['#ffffff', '#f6f7f9'], dark: ['#0d1117', '#161b22'] } as const;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';
export const IMAGE_EXTENSIONS: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** The image type from the first bytes, or null. SVG is refused on purpose: it can carry script. */
export function sniffImage(b: Uint8Array): ImageType | null {
  const at = (i: number, bytes: number[]) => bytes.every((x, j) => b[i + j] === x);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

/** `#abc` or `#aabbcc` (any case) as lower-case `#aabbcc`, or null. */
export function normalizeHex(input: string): string | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m) return null;
  const h = m[1].toLowerCase();
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
}

/** The lowest contrast of `hex` against each theme's backgrounds. */
export function themeContrast(hex: string): { light: number; dark: number } {
  const worst = (bgs: readonly string[]) => Math.min(...bgs.map((bg) => contrastRatio(hex, bg)));
  return { light: worst(THEME_BACKGROUNDS.light), dark: worst(THEME_BACKGROUNDS.dark) };
}

const LOGO_CSS = '.brand-logo { height: 32px; width: auto; max-width: 160px; vertical-align: middle; margin-right: 8px; }\n';

/** The stylesheet /brand.css serves: the logo's size, the colour as `--brand` and an accent line on the header. */
export function brandCss(hex: string | null): string {
  if (!hex) return LOGO_CSS;
  return `:root { --brand: ${hex}; }\n.site-header { border-top: 4px solid var(--brand); }\n${LOGO_CSS}`;
}
