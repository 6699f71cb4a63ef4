/** Branding inputs, shared by the Branding section of /admin/settings and /api/v1/verbs/settings.* (JSON). */
import { z } from 'zod';
import { BRAND_SLOTS, MAX_BRAND_ASSET_BYTES, MAX_FOOTER_LINKS, MIN_BRAND_CONTRAST, normalizeHex, sniffImage, themeContrast } from '../../../domain/brand';

const brandColor = z
  .string({ error: 'Enter a colour such as #0969da.' })
  .nullish()
  .transform((v, c) => {
    if (v == null || v.trim() === '') return null;
    const hex = normalizeHex(v);
    if (!hex) {
      c.addIssue({ code: 'custom', message: 'Enter a hex colour such as #0969da.' });
      return z.NEVER;
    }
    const { light, dark } = themeContrast(hex);
    if (Math.min(light, dark) < MIN_BRAND_CONTRAST) {
      c.addIssue({ code: 'custom', message: `Too little contrast (light theme ${light.toFixed(1)}:1, dark theme ${dark.toFixed(1)}:1); it needs at least ${MIN_BRAND_CONTRAST}:1 on both.` });
      return z.NEVER;
    }
    return hex;
  });

const footerLink = z.strictObject({
  label: z.string({ error: 'A label is required.' }).trim().min(1, 'A label is required.').max(40, 'At most 40 characters.'),
  url: z
    .string({ error: 'A URL is required.' })
    .trim()
    .max(500, 'At most 500 characters.')
    .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'Use an https:// URL.'),
});

/** A form field's text, trimmed; anything but a string or number (e.g. a nested object) is blank, never "[object Object]". */
const fieldText = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x).trim() : '');

/** The form's `footerLabel1`/`footerUrl1` … pairs as a list; blank pairs dropped. JSON sends `footerLinks` itself. */
function foldFooterFields(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || 'footerLinks' in input) return input;
  const v = input as Record<string, unknown>;
  const footerLinks = [];
  for (let i = 1; i <= MAX_FOOTER_LINKS; i++) {
    const label = fieldText(v[`footerLabel${i}`]);
    const url = fieldText(v[`footerUrl${i}`]);
    if (label || url) footerLinks.push({ label, url });
  }
  return { brandColor: v.brandColor, footerLinks };
}

export const BrandingUpdate = z.preprocess(
  foldFooterFields,
  z.strictObject({
    brandColor,
    footerLinks: z.array(footerLink).max(MAX_FOOTER_LINKS, `At most ${MAX_FOOTER_LINKS} footer links.`).default([]),
  }),
);

const slot = z.enum(BRAND_SLOTS, { error: 'Choose logo-light, logo-dark or favicon.' });

/** The image: bytes from the form's file field, or base64 in JSON. Type decided by its magic bytes only. */
const imageBytes = z
  .union([z.instanceof(Uint8Array), z.base64().transform((s) => new Uint8Array(Buffer.from(s, 'base64')))], { error: 'Choose an image file.' })
  .transform((bytes, c) => {
    if (bytes.length === 0) c.addIssue({ code: 'custom', message: 'Choose an image file.' });
    else if (bytes.length > MAX_BRAND_ASSET_BYTES) c.addIssue({ code: 'custom', message: `The image must be at most ${MAX_BRAND_ASSET_BYTES / 1024} KB.` });
    const type = sniffImage(bytes);
    if (!type && bytes.length > 0) c.addIssue({ code: 'custom', message: 'Upload a PNG, JPEG or WebP image (SVG is not accepted).' });
    return { bytes, type: type! };
  });

export const BrandAssetUpload = z.strictObject({ slot, file: imageBytes });
export const BrandAssetRemove = z.strictObject({ slot });
