import { describe, expect, it } from 'vitest';
import { parseIsoTime, toDateTimeInput } from './time';

describe('parseIsoTime', () => {
  it.each([
    ['2026-03-01T10:00:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.5Z', Date.UTC(2026, 2, 1, 10, 0, 0, 500)],
    ['2026-03-01T12:30:00+02:30', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T05:00:00-05:00', Date.UTC(2026, 2, 1, 10)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s', (input, expected) => {
    expect(parseIsoTime(input)).toBe(expected);
  });

  it.each(['2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01 10:00:00Z', '2026-03-01', 'yesterday', '1700000000', '2026-03-01T10:00:00+15:00', '2026-03-01T10:00:00'])(
    'rejects %s',
    (input) => {
      expect(parseIsoTime(input)).toBeNull();
    },
  );

  it('accepts a zone-less value only when told it is UTC', () => {
    expect(parseIsoTime('2026-03-01T10:00', { assumeUtc: true })).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseIsoTime('2026-03-01T10:00')).toBeNull();
  });

  it('round-trips the datetime-local format', () => {
    const ms = Date.UTC(2026, 10, 23, 19, 5);
    expect(parseIsoTime(toDateTimeInput(ms), { assumeUtc: true })).toBe(ms);
  });
});
