import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DARK_BARS, LIGHT_BARS } from '../domain/bar-colours';

describe('global.css day-bar shades', () => {
  it('are exactly the pinned palettes: light in :root, dark in the dark-scheme block', () => {
    const css = fs.readFileSync(new URL('./global.css', import.meta.url), 'utf8');
    const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
    const read = (part: string) => Object.fromEntries([...part.matchAll(/--lvl-([a-z]+):\s*(#[0-9a-f]{6});/g)].map((m) => [m[1], m[2]]));
    expect(read(css.slice(0, darkAt))).toEqual(LIGHT_BARS.shades);
    expect(read(css.slice(darkAt, css.indexOf('}', css.indexOf('{', darkAt) + 1) + 1))).toEqual(DARK_BARS.shades);
  });
});
