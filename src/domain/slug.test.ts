import { describe, expect, it } from 'vitest';
import { isSlug } from './slug';

describe('isSlug', () => {
  it.each([
    ['api', true], ['eu-database', true], ['9', true], ['a'.repeat(80), true], ['web-', true],
    ['', false], ['-api', false], ['API', false], ['a b', false], ['a'.repeat(81), false], ['é', false], ['a\u0000', false], ['a/b', false],
  ])('%j → %s', (s, ok) => expect(isSlug(s)).toBe(ok));
});
