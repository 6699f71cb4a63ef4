import { describe, expect, it } from 'vitest';
import { isTimeZone, localToUtc, zoneOffset } from './zone-time';

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

describe('zoneOffset: the one offset rule (SLA months, zoned ISO times and datetime-local all use it)', () => {
  const H = 3_600_000;
  it.each<[string, string, number]>([
    ['2026-01-15T12:00:00Z', 'Europe/Berlin', H],
    ['2026-07-15T12:00:00Z', 'Europe/Berlin', 2 * H],
    ['2026-03-29T00:59:59Z', 'Europe/Berlin', H], // last second before spring forward
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', 2 * H],
    ['2026-01-15T12:00:00Z', 'America/New_York', -5 * H],
    ['2026-01-15T12:00:00Z', 'Asia/Kolkata', 5.5 * H],
    ['2026-01-15T12:00:00Z', 'Asia/Kathmandu', 5.75 * H],
    ['2026-01-15T12:00:00.999Z', 'Pacific/Auckland', 13 * H], // sub-second part does not leak into the offset
    ['1969-12-31T23:59:59.500Z', 'America/New_York', -5 * H], // before the epoch
    ['2026-01-15T12:00:00Z', 'UTC', 0],
    ['2026-01-15T12:00:00Z', 'Etc/UTC', 0],
    ['2026-01-15T12:00:00Z', 'Mars/Olympus', 0], // unknown zone: UTC, never a throw
    ['2026-01-15T12:00:00Z', '', 0],
  ])('%s in %s is %s ms', (at, zone, expected) => {
    expect(zoneOffset(Date.parse(at), zone)).toBe(expected);
  });
});
