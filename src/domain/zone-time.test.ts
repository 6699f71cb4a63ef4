import { describe, expect, it } from 'vitest';
import { isTimeZone, localToUtc } from './zone-time';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('localToUtc', () => {
  it.each([
    ['2026-01-15T14:30', 'Europe/Berlin', '2026-01-15T13:30:00.000Z'], // winter, CET
    ['2026-07-15T14:30', 'Europe/Berlin', '2026-07-15T12:30:00.000Z'], // summer, CEST
    ['2026-03-29T01:59', 'Europe/Berlin', '2026-03-29T00:59:00.000Z'], // just before spring forward
    ['2026-03-29T03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'], // just after
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'], // repeated hour: the first (CEST)
    ['2026-01-15T14:30:15', 'America/New_York', '2026-01-15T19:30:15.000Z'],
    ['2026-01-15T14:30', 'Asia/Kolkata', '2026-01-15T09:00:00.000Z'], // half-hour offset
    ['2026-01-01T00:30', 'Pacific/Auckland', '2025-12-31T11:30:00.000Z'], // crosses the year backwards
    ['2026-02-29T10:00', 'UTC', null], // not a leap year: no such day
    ['2024-02-29T10:00', 'UTC', '2024-02-29T10:00:00.000Z'],
    ['14:30', 'UTC', null],
  ])('%s in %s is %s', (local, zone, expected) => {
    expect(iso(localToUtc(local, zone))).toBe(expected);
  });

  it('resolves a time skipped by spring forward to a real instant after the gap', () => {
    const ms = localToUtc('2026-03-29T02:30', 'Europe/Berlin')!;
    expect(ms).toBeGreaterThanOrEqual(Date.parse('2026-03-29T01:00:00Z'));
    expect(ms).toBeLessThanOrEqual(Date.parse('2026-03-29T01:30:00Z'));
  });
});

describe('isTimeZone', () => {
  it.each([['Europe/Berlin', true], ['UTC', true], ['Mars/Olympus', false], ['', false], ['x'.repeat(100), false]])('%s → %s', (z, ok) => {
    expect(isTimeZone(z)).toBe(ok);
  });
});
