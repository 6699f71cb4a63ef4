import { describe, expect, it } from 'vitest';
import { badgeMessage, parseUptimeParam } from './badge';

describe('parseUptimeParam', () => {
  it.each<[string | null, 7 | 30 | 90 | null]>([
    [null, null],
    ['', 90],
    ['1', 90],
    ['true', 90],
    ['7', 7],
    ['30', 30],
    ['90', 90],
    ['365', null],
    ['no', null],
  ])('%j → %s', (raw, days) => expect(parseUptimeParam(raw)).toBe(days));
});

describe('badgeMessage', () => {
  it.each<[number | null, number | null, string]>([
    [null, null, 'Operational'],
    [99.9996, 90, 'Operational · 99.99% (90 d)'],
    [100, 30, 'Operational · 100.00% (30 d)'],
    [null, 7, 'Operational · No data (7 d)'],
  ])('uptime %s over %s days', (uptime, days, out) => expect(badgeMessage('Operational', uptime, days)).toBe(out));
});
