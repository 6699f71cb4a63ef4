import { describe, expect, it } from 'vitest';
import { zonedIsoTime } from './zoned-time';

describe('zonedIsoTime', () => {
  it.each([
    [Date.UTC(2026, 4, 13, 18, 16, 7, 149), 'America/New_York', '2026-05-13T14:16:07.149-04:00'],
    [Date.UTC(2026, 0, 13, 18, 16, 7, 5), 'America/New_York', '2026-01-13T13:16:07.005-05:00'],
    [Date.UTC(2026, 0, 1, 0, 0, 0), 'Asia/Kolkata', '2026-01-01T05:30:00.000+05:30'],
    [Date.UTC(2026, 0, 1, 0, 0, 0), 'UTC', '2026-01-01T00:00:00.000Z'],
    [Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Berlin', '2026-03-29T03:00:00.000+02:00'],
    [Date.UTC(2026, 2, 29, 0, 59, 59, 999), 'Europe/Berlin', '2026-03-29T01:59:59.999+01:00'],
  ])('%i in %s → %s', (ms, tz, want) => {
    expect(zonedIsoTime(ms, tz)).toBe(want);
    expect(Date.parse(want)).toBe(ms);
  });
});
