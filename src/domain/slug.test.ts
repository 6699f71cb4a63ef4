import { describe, expect, it } from 'vitest';
import { isSlug, isStrictSlug, MAX_SLUG_LENGTH, numberedSlug, slugify } from './slug';

describe('isSlug', () => {
  it.each([
    ['api', true], ['eu-database', true], ['9', true], ['a'.repeat(80), true], ['web-', true],
    ['', false], ['-api', false], ['API', false], ['a b', false], ['a'.repeat(81), false], ['é', false], ['a\u0000', false], ['a/b', false],
  ])('%j → %s', (s, ok) => expect(isSlug(s)).toBe(ok));
});

describe('isStrictSlug: what an operator may store', () => {
  it.each([
    ['api', true], ['eu-database', true], ['9', true], ['a'.repeat(60), true], ['a1-b2-c3', true],
    ['', false], ['web-', false], ['-api', false], ['a--b', false], ['API', false], ['a'.repeat(61), false], ['a_b', false], ['é', false],
  ])('%j → %s', (s, ok) => expect(isStrictSlug(s)).toBe(ok));

  it.each(['api', 'eu-database', 'a'.repeat(60), 'x-1'])('the strict slug %j is also a URL slug', (s) => expect(isSlug(s)).toBe(true));
});

describe('slugify', () => {
  it.each([
    ['EU Database', 'eu-database'],
    ['  Zürich — Payments!! ', 'zurich-payments'],
    ['***', 'component'],
    [`${'a'.repeat(59)} b`, 'a'.repeat(59)], // the cut lands on a dash: trimmed, not kept
    ['b'.repeat(100), 'b'.repeat(MAX_SLUG_LENGTH)],
    ['Ça va? Ñandú', 'ca-va-nandu'],
  ])('%j → %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it.each([`${'a'.repeat(59)} b`, `${'x'.repeat(60)}-y`, '--a--', '  ', 'Payments (EU) / v2', '中文'])('slugify(%j) is always a strict slug', (name) => {
    expect(isStrictSlug(slugify(name))).toBe(true);
  });
});

describe('numberedSlug', () => {
  it.each<[string, number, string]>([
    ['api', 2, 'api-2'],
    ['eu-database', 10, 'eu-database-10'],
    ['a'.repeat(60), 2, `${'a'.repeat(58)}-2`],
    [`${'a'.repeat(57)}-bb`, 3, `${'a'.repeat(57)}-3`], // the cut lands on a dash: no doubled dash
  ])('%j #%s → %j', (base, n, expected) => {
    expect(numberedSlug(base, n)).toBe(expected);
    expect(isStrictSlug(numberedSlug(base, n))).toBe(true);
  });
});
