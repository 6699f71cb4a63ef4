import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance } from './contrast';

describe('luminance (WCAG 2)', () => {
  it.each<[string, number]>([
    ['#000000', 0],
    ['#ffffff', 1],
    ['#ff0000', 0.2126],
    ['#00ff00', 0.7152],
    ['#0000ff', 0.0722],
    ['#0a0a0a', 10 / 255 / 12.92], // below the knee: linear part
    ['#808080', ((128 / 255 + 0.055) / 1.055) ** 2.4],
  ])('%s → %s', (hex, expected) => {
    expect(luminance(hex)).toBeCloseTo(expected, 12);
  });
});

describe('contrastRatio (WCAG 2), the same whichever colour comes first', () => {
  it.each<[string, string, number]>([
    ['#000000', '#ffffff', 21],
    ['#777777', '#777777', 1],
    ['#767676', '#ffffff', 4.54], // the classic lightest grey passing AA on white
    ['#777777', '#ffffff', 4.48], // one step lighter fails
    ['#ffffff', '#ffffff', 1],
    ['#000000', '#0a0a0a', (10 / 255 / 12.92 + 0.05) / 0.05],
  ])('%s on %s is %s:1', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
    expect(contrastRatio(b, a)).toBe(contrastRatio(a, b));
  });
});

describe('the two knees that were in use agree for 8-bit colours', () => {
  const oldKnee = (c8: number) => (c8 / 255 <= 0.03928 ? c8 / 255 / 12.92 : ((c8 / 255 + 0.055) / 1.055) ** 2.4);
  it('every grey level has the same luminance with the 0.03928 knee (bar-colours.ts had it)', () => {
    for (let c = 0; c < 256; c++) {
      const hex = `#${c.toString(16).padStart(2, '0').repeat(3)}`;
      expect(luminance(hex)).toBeCloseTo(oldKnee(c), 12);
    }
  });
});
