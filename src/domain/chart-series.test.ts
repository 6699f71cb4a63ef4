import { describe, expect, it } from 'vitest';
import { dailyLatency, recentLatency, sparklineSegments, summarizeLatency, uptimeSeries, type MonitorDay } from './chart-series';
import { MS_PER_DAY, MS_PER_HOUR } from './constants';

const NOW = Date.UTC(2026, 1, 28, 12); // 2026-02-28, the last day of a non-leap February
const TODAY = Math.floor(NOW / MS_PER_DAY);

describe('recentLatency', () => {
  it.each([
    ['empty', [], []],
    ['keeps the last 24 h, oldest first', [{ at: NOW - 1000, ok: true, latencyMs: 12.4 }, { at: NOW - 25 * MS_PER_HOUR, ok: true, latencyMs: 5 }, { at: NOW - MS_PER_HOUR, ok: true, latencyMs: 30.6 }], [[82_800, 31], [86_399, 12]]],
    ['failures are gaps', [{ at: NOW - 10_000, ok: false, latencyMs: 5000 }], [[86_390, null]]],
    ['future points are left out', [{ at: NOW + 1, ok: true, latencyMs: 1 }], []],
    ['the 24 h boundary is included', [{ at: NOW - MS_PER_DAY, ok: true, latencyMs: 9 }], [[0, 9]]],
  ])('%s', (_n, input, expected) => {
    expect(recentLatency(input, NOW)).toEqual(expected);
  });
});

describe('dailyLatency', () => {
  const row = (daysAgo: number, p50: number | null, p95: number | null, checks = 10): MonitorDay => ({ day: TODAY - daysAgo, checks, failures: 0, p50, p95 });
  it.each<[string, MonitorDay[], number, { labels: string[]; p50: (number | null)[]; p95: (number | null)[] }]>([
    ['no data gives nulls over the window', [], 3, { labels: ['2026-02-26', '2026-02-27', '2026-02-28'], p50: [null, null, null], p95: [null, null, null] }],
    ['places days by index', [row(0, 10, 20), row(2, 11.6, 30)], 3, { labels: ['2026-02-26', '2026-02-27', '2026-02-28'], p50: [12, null, 10], p95: [30, null, 20] }],
    ['the slowest monitor wins per day', [row(0, 10, 50), row(0, 40, 45)], 1, { labels: ['2026-02-28'], p50: [40], p95: [50] }],
    ['days outside the window are ignored', [row(7, 99, 99)], 2, { labels: ['2026-02-27', '2026-02-28'], p50: [null, null], p95: [null, null] }],
    ['a day without checks is no data', [row(0, 10, 10, 0)], 1, { labels: ['2026-02-28'], p50: [null], p95: [null] }],
  ])('%s', (_n, rows, days, expected) => {
    expect(dailyLatency(rows, TODAY, days)).toEqual(expected);
    expect(dailyLatency([...rows].reverse(), TODAY, days)).toEqual(expected);
  });

  it('crosses a month end in UTC', () => {
    expect(dailyLatency([], TODAY + 1, 2).labels).toEqual(['2026-02-28', '2026-03-01']);
  });
});

describe('uptimeSeries and summarizeLatency', () => {
  it('keeps no-data days as null and rounds to 3 decimals', () => {
    expect(uptimeSeries([{ day: TODAY - 1, uptime: null }, { day: TODAY, uptime: 99.98765 }])).toEqual({ labels: ['2026-02-27', '2026-02-28'], values: [null, 99.988] });
  });
  it.each([
    [[], null],
    [[null, null], null],
    [[5], { min: 5, median: 5, max: 5, count: 1 }],
    [[30, null, 10, 20, 40], { min: 10, median: 20, max: 40, count: 4 }],
  ])('%j → %j', (values, expected) => {
    expect(summarizeLatency(values)).toEqual(expected);
  });
});

describe('sparklineSegments', () => {
  it.each<[(number | null)[], string[]]>([
    [[], []],
    [[null, null], []],
    [[0, 0], []],
    [[10, 20], ['0,10 100,0']],
    [[20, 10, 0], ['0,0 50,10 100,20']],
    [[10, null, 10, 5], ['0,0', '66.7,0 100,10']],
    [[7], ['0,0']],
  ])('%j → %j', (values, expected) => {
    expect(sparklineSegments(values, 100, 20)).toEqual(expected);
  });
});
