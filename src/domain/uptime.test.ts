import { describe, expect, it } from 'vitest';
import { PARTIAL_OUTAGE_WEIGHT } from './constants';
import type { ComponentStatus } from './enums';
import { dayIndex } from './time';
import {
  uptimeOfLastDays,
  buildDayRecord,
  dayBarLevel,
  downtimeSeconds,
  emptyDay,
  formatPercent,
  secondsInWindow,
  splitByDay,
  uptimeOfDays,
  uptimePercent,
  type DaySeconds,
  type StatusInterval,
} from './uptime';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const day = (y: number, mo: number, d: number) => dayIndex(utc(y, mo, d));
const secs = (part: Partial<DaySeconds>): DaySeconds => ({ ...emptyDay(), ...part });

describe('splitByDay', () => {
  it.each<[string, number, number, [number, number][]]>([
    ['within one day', utc(2026, 3, 10, 10), utc(2026, 3, 10, 11), [[day(2026, 3, 10), 3600]]],
    ['across midnight', utc(2026, 3, 10, 23), utc(2026, 3, 11, 1), [[day(2026, 3, 10), 3600], [day(2026, 3, 11), 3600]]],
    ['across a month end (Apr 30 → May 1)', utc(2026, 4, 30, 22, 30), utc(2026, 5, 1, 0, 15), [[day(2026, 4, 30), 5400], [day(2026, 5, 1), 900]]],
    ['across a year end', utc(2026, 12, 31, 23, 59), utc(2027, 1, 1, 0, 1), [[day(2026, 12, 31), 60], [day(2027, 1, 1), 60]]],
    ['across leap day 2028-02-29', utc(2028, 2, 28, 12), utc(2028, 3, 1, 12), [[day(2028, 2, 28), 43200], [day(2028, 2, 29), 86400], [day(2028, 3, 1), 43200]]],
    ['exactly one whole day', utc(2026, 1, 1), utc(2026, 1, 2), [[day(2026, 1, 1), 86400]]],
    ['ending exactly at midnight adds no empty day', utc(2026, 1, 1, 23), utc(2026, 1, 2), [[day(2026, 1, 1), 3600]]],
    ['empty interval', utc(2026, 1, 1, 5), utc(2026, 1, 1, 5), []],
    ['reversed interval', utc(2026, 1, 1, 6), utc(2026, 1, 1, 5), []],
  ])('%s', (_name, start, end, expected) => {
    expect(splitByDay(start, end).map((p) => [p.day, p.seconds])).toEqual(expected);
  });

  it('leap day 2028-02-29 is its own 24 h day between Feb 28 and Mar 1', () => {
    expect(day(2028, 2, 29) - day(2028, 2, 28)).toBe(1);
    expect(day(2028, 3, 1) - day(2028, 2, 29)).toBe(1);
    expect(day(2027, 3, 1) - day(2027, 2, 28)).toBe(1); // 2027 has no leap day
  });

  it('the parts always sum to the length of the interval', () => {
    const start = utc(2026, 2, 27, 7, 13);
    const end = utc(2026, 3, 4, 19, 47);
    expect(splitByDay(start, end).reduce((s, p) => s + p.seconds, 0)).toBe((end - start) / 1000);
  });
});

describe('uptimePercent and downtime weights (rule 4)', () => {
  it.each<[string, Partial<DaySeconds>, number | null]>([
    ['empty day is no data, not 100 %', {}, null],
    ['all operational', { operational: 86400 }, 100],
    ['degraded is not downtime', { degraded: 86400 }, 100],
    ['maintenance is not downtime', { maintenance: 86400 }, 100],
    ['major outage counts fully', { operational: 43200, major: 43200 }, 50],
    ['partial outage weighs 0.3', { partial: 86400 }, 70],
    ['partial half the day', { operational: 43200, partial: 43200 }, 85],
    ['mixed', { operational: 72000, major: 3600, partial: 3600, degraded: 3600, maintenance: 3600 }, (1 - (3600 + 0.3 * 3600) / 86400) * 100],
  ])('%s', (_name, part, expected) => {
    const p = uptimePercent(secs(part));
    if (expected === null) expect(p).toBeNull();
    else expect(p).toBeCloseTo(expected, 9);
  });

  it('uses the single partial-outage weight constant', () => {
    expect(PARTIAL_OUTAGE_WEIGHT).toBe(0.3);
    expect(downtimeSeconds(secs({ partial: 1000, major: 10, degraded: 500, maintenance: 500 }))).toBeCloseTo(310, 9);
  });
});

describe('dayBarLevel at its thresholds (docs/decisions/008-day-bar-colours-and-spans.md)', () => {
  // counted = 86,400 s; shares 0.1 % = 86.4 s, 1 % = 864 s, 5 % = 4,320 s of weighted downtime.
  const day = (major: number, partial = 0) => secs({ operational: 86400 - major - partial, major, partial });
  it.each<[string, DaySeconds, string]>([
    ['nothing counted', emptyDay(), 'nodata'],
    ['no downtime', day(0), 'ok'],
    ['only degraded', secs({ degraded: 86400 }), 'ok'],
    ['only maintenance', secs({ maintenance: 86400 }), 'ok'],
    ['one second down', day(1), 'minor'],
    ['exactly 0.1 %', day(86.4), 'minor'],
    ['just above 0.1 %', day(87), 'notable'],
    ['exactly 1 %', day(864), 'notable'],
    ['just above 1 %', day(865), 'major'],
    ['exactly 5 %', day(4320), 'major'],
    ['just above 5 %', day(4321), 'critical'],
    ['the whole day down', day(86400), 'critical'],
    ['partial 288 s weighs 86.4 s', day(0, 288), 'minor'],
    ['partial 4 h weighs 72 min', day(0, 4 * 3600), 'major'],
  ])('%s → %s', (_name, d, level) => {
    expect(dayBarLevel(d)).toBe(level);
  });
});

describe('formatPercent never rounds a loss up to 100', () => {
  it.each<[number | null, number, string]>([
    [null, 2, 'No data'],
    [100, 2, '100.00%'],
    [99.9996, 2, '99.99%'],
    [99.99999, 2, '99.99%'],
    [100 - 1e-7, 2, '99.99%'],
    [100 - 1e-7, 3, '99.999%'],
    [99.95, 2, '99.95%'],
    [99.9, 3, '99.900%'],
    [50, 2, '50.00%'],
    [0, 2, '0.00%'],
    [97.123456, 4, '97.1234%'],
  ])('%s (%i digits) → %s', (p, digits, text) => {
    expect(formatPercent(p, digits)).toBe(text);
  });

  it('a single lost second in 90 days is not 100 %', () => {
    const p = uptimePercent(secs({ operational: 90 * 86400 - 1, major: 1 }));
    expect(formatPercent(p, 3)).not.toBe('100.000%');
    expect(formatPercent(p, 2)).not.toBe('100.00%');
  });
});

describe('buildDayRecord', () => {
  const now = utc(2026, 3, 2, 12); // noon, Mar 2 2026 (Feb 2026 has 28 days)
  const today = dayIndex(now);
  const longAgo = utc(2025, 1, 1);

  it('returns `days` days ending today, oldest first, with ISO dates', () => {
    const rec = buildDayRecord({ rollups: new Map(), pending: [], startDate: longAgo, now, days: 5 });
    expect(rec.map((d) => d.date)).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(rec.every((d) => d.level === 'nodata')).toBe(true); // nothing recorded is no data, not green
  });

  it('adds the open interval up to now and no further', () => {
    const rec = buildDayRecord({ rollups: new Map(), pending: [{ status: 'operational', start: longAgo, end: null }], startDate: longAgo, now, days: 3 });
    expect(rec.map((d) => d.seconds.operational)).toEqual([86400, 86400, 43200]);
    expect(rec.map((d) => d.uptime)).toEqual([100, 100, 100]);
  });

  it('shows no data for days before the component started, and counts only the started part of its first day', () => {
    const startDate = utc(2026, 2, 28, 18);
    const rec = buildDayRecord({ rollups: new Map(), pending: [{ status: 'operational', start: startDate, end: null }], startDate, now, days: 5 });
    expect(rec.map((d) => d.level)).toEqual(['nodata', 'nodata', 'ok', 'ok', 'ok']);
    expect(rec.map((d) => d.uptime)).toEqual([null, null, 100, 100, 100]);
    expect(rec[2].seconds.operational).toBe(6 * 3600);
    expect(uptimeOfDays(rec)).toBe(100);
  });

  it('ignores rollups of days entirely before the start date', () => {
    const startDate = utc(2026, 3, 1);
    const rollups = new Map([[today - 2, secs({ major: 86400 })]]);
    const rec = buildDayRecord({ rollups, pending: [{ status: 'operational', start: startDate, end: null }], startDate, now, days: 3 });
    expect(rec[0].level).toBe('nodata');
    expect(uptimeOfDays(rec)).toBe(100);
  });

  it('merges rollups with the pending interval and attaches incidents per day', () => {
    const rollups = new Map([[today, secs({ operational: 6 * 3600, major: 3 * 3600 })]]);
    const incidents = new Map([[today, [{ id: 7, title: 'Down', impact: 'critical' }]]]);
    const rec = buildDayRecord({ rollups, pending: [{ status: 'partial_outage', start: utc(2026, 3, 2, 9), end: null }], startDate: longAgo, now, days: 1, incidentsByDay: incidents });
    expect(rec[0].seconds).toEqual(secs({ operational: 6 * 3600, major: 3 * 3600, partial: 3 * 3600 }));
    expect(rec[0].uptime).toBeCloseTo((1 - (3 * 3600 + 0.3 * 3 * 3600) / (12 * 3600)) * 100, 9);
    expect(rec[0].level).toBe('critical');
    expect(rec[0].incidents).toEqual([{ id: 7, title: 'Down', impact: 'critical' }]);
  });

  it('handles an empty window of zero days', () => {
    expect(buildDayRecord({ rollups: new Map(), pending: [], startDate: longAgo, now, days: 0 })).toEqual([]);
  });
});

describe('secondsInWindow', () => {
  const from = utc(2026, 5, 1);
  const to = utc(2026, 5, 2);
  const ivs: StatusInterval[] = [
    { status: 'operational', start: utc(2026, 4, 30), end: utc(2026, 5, 1, 6) },
    { status: 'major_outage', start: utc(2026, 5, 1, 6), end: utc(2026, 5, 1, 7) },
    { status: 'degraded_performance', start: utc(2026, 5, 1, 7), end: utc(2026, 5, 1, 8) },
    { status: 'operational', start: utc(2026, 5, 1, 8), end: null },
  ];

  it.each<[string, StatusInterval[]]>([
    ['in order', ivs],
    ['reversed', [...ivs].reverse()],
    ['shuffled', [ivs[2], ivs[0], ivs[3], ivs[1]]],
  ])('clips to the window and is independent of order (%s)', (_name, list) => {
    expect(secondsInWindow(list, from, to)).toEqual(secs({ operational: 22 * 3600, major: 3600, degraded: 3600 }));
  });

  it('counts overlapping intervals in each status they claim (no silent merge)', () => {
    const overlapping: StatusInterval[] = [
      { status: 'major_outage', start: utc(2026, 5, 1, 10), end: utc(2026, 5, 1, 12) },
      { status: 'partial_outage', start: utc(2026, 5, 1, 11), end: utc(2026, 5, 1, 13) },
    ];
    expect(secondsInWindow(overlapping, from, to)).toEqual(secs({ major: 7200, partial: 7200 }));
  });

  it('is empty for no intervals and for an empty window', () => {
    expect(secondsInWindow([], from, to)).toEqual(emptyDay());
    expect(secondsInWindow(ivs, to, to)).toEqual(emptyDay());
  });
});

describe('uptimeOfDays', () => {
  it('weights days by their counted seconds and skips no-data days', () => {
    const days = [{ seconds: emptyDay() }, { seconds: secs({ operational: 86400 }) }, { seconds: secs({ operational: 43200 - 4320, major: 4320 }) }];
    expect(uptimeOfDays(days)).toBeCloseTo((1 - 4320 / (86400 + 43200)) * 100, 9);
    expect(uptimeOfDays([])).toBeNull();
    expect(uptimeOfDays([{ seconds: emptyDay() }])).toBeNull();
  });

  it('is the same whatever the order of days', () => {
    const a = [secs({ operational: 1000, partial: 50 }), secs({ major: 20, operational: 500 }), secs({ degraded: 300 })].map((seconds) => ({ seconds }));
    expect(uptimeOfDays(a)).toBeCloseTo(uptimeOfDays([...a].reverse())!, 12);
  });

  it.each<[ComponentStatus, number]>([
    ['operational', 100],
    ['under_maintenance', 100],
    ['degraded_performance', 100],
    ['partial_outage', 70],
    ['major_outage', 0],
  ])('a full day of %s is %d %%', (status, pct) => {
    const rec = buildDayRecord({ rollups: new Map(), pending: [{ status, start: 0, end: null }], startDate: 0, now: utc(2026, 1, 1, 12), days: 1 });
    expect(rec[0].seconds.operational + rec[0].seconds.maintenance + rec[0].seconds.degraded + rec[0].seconds.partial + rec[0].seconds.major).toBe(12 * 3600);
    expect(rec[0].uptime).toBeCloseTo(pct, 9);
  });
});

describe('uptimeOfLastDays', () => {
  const day = (operational: number, major: number) => ({ seconds: { operational, maintenance: 0, degraded: 0, partial: 0, major } });
  const days = [day(86_400, 0), day(0, 0), day(80_000, 6_400), day(86_000, 400), day(86_400, 0)];
  it.each([1, 2, 3, 5, 9])('equals uptimeOfDays of the last %i days', (n) => {
    expect(uptimeOfLastDays(days, n)).toBe(uptimeOfDays(days.slice(-n)));
    expect(uptimeOfLastDays(days, n)).toBe(uptimeOfDays(days.slice(-n))); // and again, from the memo
  });
  it('a different record of equal length is its own entry', () => {
    const other = [day(0, 86_400), ...days.slice(1)];
    expect(uptimeOfLastDays(other, 5)).not.toBe(uptimeOfLastDays(days, 5));
  });
});
