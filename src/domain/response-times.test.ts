import { describe, expect, it } from 'vitest';
import { firstPublicUpdateAt, median, responseMetrics, type ResponseIncident } from './response-times';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.parse('2026-04-03T10:00Z');
const inc = (id: number, impact: string, startMin: number, firstMin: number | null, resolveMin: number | null): ResponseIncident => ({
  id,
  impact,
  startedAt: T0 + startMin * M,
  firstUpdateAt: firstMin === null ? null : T0 + (startMin + firstMin) * M,
  resolvedAt: resolveMin === null ? null : T0 + (startMin + resolveMin) * M,
});
const TARGETS = { firstResponse: { critical: 60, major: 180, minor: 480 }, resolve: { critical: 240, major: 720, minor: 1440 } };

describe('firstPublicUpdateAt', () => {
  const H = 3_600_000;
  it.each([
    { name: 'never a draft: the first update', first: 10 * H, published: null, expected: 10 * H },
    { name: 'draft published 90 min after its first update: the publication', first: 10 * H, published: 11.5 * H, expected: 11.5 * H },
    { name: 'published before a backdated first update: the update', first: 10 * H, published: 9 * H, expected: 10 * H },
    { name: 'no update yet', first: null, published: 11 * H, expected: null },
  ])('$name', ({ first, published, expected }) => expect(firstPublicUpdateAt(first, published)).toBe(expected));
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[30, 50], 40],
    [[90, 5, 20], 20],
  ])('%j → %s', (values, m) => expect(median(values)).toBe(m));
});

describe('responseMetrics', () => {
  const now = T0 + 30 * H;
  const list = [
    inc(1, 'critical', 0, 20, 60),
    inc(2, 'critical', 120, 90, 240),
    inc(3, 'critical', 240, 5, 360),
    inc(4, 'major', 0, 30, 100),
    inc(5, 'major', 0, 50, 800),
    inc(6, 'minor', 1200, 60, null), // open 600 min: under the 1440 min target, not decided yet
    inc(7, 'minor', 0, 500, null), // open 1800 min: already past the target
    inc(8, 'none', 0, 1, 2),
  ];
  const [sev1, sev2, sev3] = responseMetrics(list, TARGETS, now);

  it('Sev1: first response 20/90/5 min, resolve 60/240/360 min', () => {
    expect(sev1).toMatchObject({ severity: 'Sev1', count: 3, open: 0 });
    expect(sev1.firstResponse).toEqual({ count: 3, medianMinutes: 20, worstMinutes: 90, withinTarget: 2 / 3, targetMinutes: 60 });
    // 240 is within a 240-minute target (≤)
    expect(sev1.resolve).toEqual({ count: 3, medianMinutes: 240, worstMinutes: 360, withinTarget: 2 / 3, targetMinutes: 240 });
  });

  it('Sev2: even count takes the mean of the middle two', () => {
    expect(sev2.firstResponse.medianMinutes).toBe(40);
    expect(sev2.resolve).toMatchObject({ medianMinutes: 450, worstMinutes: 800, withinTarget: 0.5 });
  });

  it('Sev3: open incidents count as missed only once past the target', () => {
    expect(sev3).toMatchObject({ count: 2, open: 2 });
    expect(sev3.firstResponse).toMatchObject({ medianMinutes: 280, worstMinutes: 500, withinTarget: 0.5 });
    expect(sev3.resolve).toEqual({ count: 0, medianMinutes: null, worstMinutes: null, withinTarget: 0, targetMinutes: 1440 });
  });

  it('no incidents: empty stats', () => {
    const [s] = responseMetrics([], TARGETS, now);
    expect(s.firstResponse).toEqual({ count: 0, medianMinutes: null, worstMinutes: null, withinTarget: null, targetMinutes: 60 });
  });
});
