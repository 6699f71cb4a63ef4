import { describe, expect, it } from 'vitest';
import { localPath, optionalTime } from './admin-page';

describe('localPath', () => {
  it.each([
    ['/admin/incidents/3?x=1', '/admin/incidents/3?x=1'],
    ['/', '/'],
    [null, '/admin'],
    ['', '/admin'],
    ['https://evil.example/', '/admin'],
    ['//evil.example/', '/admin'],
    ['/\\evil.example', '/admin'],
    ['javascript:alert(1)', '/admin'],
    ['/admin\r\nSet-Cookie: x=1', '/admin'],
  ])('%s → %s', (input, expected) => expect(localPath(input)).toBe(expected));
});

describe('optionalTime (admin datetime-local, UTC)', () => {
  it('reads minutes or seconds as UTC, empty as null, rejects nonsense', () => {
    expect(optionalTime.parse('2026-03-01T10:30')).toBe(Date.UTC(2026, 2, 1, 10, 30));
    expect(optionalTime.parse('2026-03-01T10:30:15')).toBe(Date.UTC(2026, 2, 1, 10, 30, 15));
    expect(optionalTime.parse('')).toBeNull();
    expect(optionalTime.parse(undefined)).toBeNull();
    expect(optionalTime.safeParse('2026-02-31T10:00').success).toBe(false);
    expect(optionalTime.safeParse('tomorrow').success).toBe(false);
  });
});
