import { describe, expect, it } from 'vitest';
import { brandCss, normalizeHex, sniffImage, themeContrast } from './brand';
import { contrastRatio } from './contrast';

describe('normalizeHex', () => {
  it.each([
    ['#ABC', '#aabbcc'],
    ['0969da', '#0969da'],
    [' #0969DA ', '#0969da'],
    ['#12345', null],
    ['red', null],
    ['#0969dag', null],
    ['', null],
  ])('%j → %j', (input, out) => expect(normalizeHex(input)).toBe(out));
});

describe('contrast', () => {
  it('is 21 for black on white and symmetric', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });
  it('takes the worst background of each theme', () => {
    const c = themeContrast('#ffff00');
    expect(c.light).toBeLessThan(3);
    expect(c.dark).toBeGreaterThan(3);
    const blue = themeContrast('#2f81f7');
    expect(blue.light).toBeGreaterThanOrEqual(3);
    expect(blue.dark).toBeGreaterThanOrEqual(3);
  });
});

describe('sniffImage', () => {
  const b = (...x: number[]) => new Uint8Array(x);
  it.each([
    [b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    [b(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    [new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]), 'image/webp'],
    [new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    [new TextEncoder().encode('GIF89a'), null],
    [b(), null],
  ])('%#', (bytes, type) => expect(sniffImage(bytes)).toBe(type));
});

it('brandCss declares the colour only when set', () => {
  expect(brandCss('#0969da')).toContain('--brand: #0969da;');
  expect(brandCss(null)).not.toContain('--brand');
});
