import { describe, expect, it } from 'vitest';
import { flattened } from './flat-string';

describe('flattened', () => {
  it.each(['', 'a', '<li title="Sep 3, 2026"></li>'.repeat(90), 'Zürich « » 漢字 😀'])('returns the same value (%#)', (s) => {
    let built = '';
    for (const ch of s) built += ch;
    expect(flattened(built)).toBe(s);
  });
});
