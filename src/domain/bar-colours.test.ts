import { describe, expect, it } from 'vitest';
import { BAR_SCALE, DARK_BARS, LIGHT_BARS } from './bar-colours';
import { contrastRatio } from './contrast';

describe.each([
  ['light', LIGHT_BARS],
  ['dark', DARK_BARS],
] as const)('day-bar colours (%s theme)', (_theme, palette) => {
  const ratios = BAR_SCALE.map((level) => contrastRatio(palette.shades[level], palette.background));

  it('every shade meets the 3:1 AA contrast for graphics against the card', () => {
    for (const [i, r] of ratios.entries()) expect(r, BAR_SCALE[i]).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(palette.shades.nodata, palette.background)).toBeGreaterThanOrEqual(3);
  });

  it('contrast with the background strictly increases with severity', () => {
    for (let i = 1; i < ratios.length; i++) expect(ratios[i], BAR_SCALE[i]).toBeGreaterThan(ratios[i - 1]);
  });

  it('the worst level stands out most and no two levels share a colour', () => {
    expect(Math.max(...ratios)).toBe(ratios.at(-1));
    expect(new Set(Object.values(palette.shades)).size).toBe(Object.keys(palette.shades).length);
  });
});
