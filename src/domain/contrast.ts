/** WCAG 2 colour contrast: the one luminance and ratio used by the bar palettes and the brand colour check. */

/** Linear value of one 8-bit sRGB channel (sRGB's 0.04045 knee; WCAG's older 0.03928 gives the same for 8-bit). */
function linearChannel(c8: number): number {
  const c = c8 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of `#rrggbb` (0 black to 1 white). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * linearChannel((n >> 16) & 255) + 0.7152 * linearChannel((n >> 8) & 255) + 0.0722 * linearChannel(n & 255);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21), whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
