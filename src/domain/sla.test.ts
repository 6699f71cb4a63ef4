import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_TIERS } from './constants';
import { computeSlaMonth, creditFor, existedIn, firstReportMonth, formatSlaMinutes, monthOf, monthsEnding, monthSpan, shiftMonth, type SlaInput, unionSpans } from './sla';
import type { Span } from './time';
import type { StatusInterval } from './uptime';
import { effectiveTimeline, type Declaration } from './declarations';

const T = (iso: string) => Date.parse(iso);
const iv = (status: StatusInterval['status'], start: string, end: string | null): StatusInterval => ({ status, start: T(start), end: end === null ? null : T(end) });
const span = (start: string, end: string): Span => ({ start: T(start), end: T(end) });
const POLICY = { creditTiers: DEFAULT_CREDIT_TIERS, maintenanceAllowanceMinutes: 10, maintenancePolicy: 'exclude_all' as const };

function month(m: string, over: Partial<SlaInput> = {}) {
  const range = monthSpan(m)!;
  return computeSlaMonth({ month: m, range, now: T('2030-01-01T00:00:00Z'), startDate: 0, target: 99.9, intervals: [], maintenance: [], policy: POLICY, ...over });
}

describe('month length and downtime (hand-computed)', () => {
  it.each([
    // month, intervals, minutes in month, downtime minutes, uptime %
    ['2026-02', [iv('major_outage', '2026-02-10T10:00Z', '2026-02-10T11:00Z')], 40_320, 60, 99.85119], // 28 days: 60/40320
    ['2024-02', [], 41_760, 0, 100], // 29 days (leap year)
    ['2026-04', [iv('major_outage', '2026-04-14T23:30Z', '2026-04-15T00:30Z')], 43_200, 60, 99.861111], // crossing midnight, 30 days
    ['2026-01', [iv('major_outage', '2026-01-31T23:40Z', '2026-02-01T00:20Z')], 44_640, 20, 99.955197], // 31 days, month end: 20 of 40 min
    ['2026-02', [iv('major_outage', '2026-01-31T23:40Z', '2026-02-01T00:20Z')], 40_320, 20, 99.950397], // the other 20 min
    ['2026-04', [iv('partial_outage', '2026-04-03T00:00Z', '2026-04-03T01:40Z')], 43_200, 30, 99.930556], // 100 min × 0.3
    ['2026-04', [iv('degraded_performance', '2026-04-03T00:00Z', '2026-04-04T00:00Z'), iv('under_maintenance', '2026-04-05T00:00Z', '2026-04-05T01:00Z')], 43_200, 0, 100],
  ] as const)('%s', (m, intervals, minutes, downtime, uptime) => {
    const r = month(m, { intervals: [...intervals] })!;
    expect(r.minutesInMonth).toBe(minutes);
    expect(r.downtimeMinutes).toBeCloseTo(downtime, 9);
    expect(r.uptimePercentage).toBe(uptime);
    expect(r.partial).toBe(false);
    expect(r.budgetRemainingMinutes).toBeNull();
  });
});

describe('overlapping incidents are resolved into one history first (the worst declared status wins)', () => {
  const inc = (status: StatusInterval['status'], start: string, end: string): Declaration => ({ source: 'incident', status, start: T(start), end: T(end) });
  it.each([
    ['two major incidents 10:00–11:00 and 10:30–11:30', [inc('major_outage', '2026-04-03T10:00Z', '2026-04-03T11:00Z'), inc('major_outage', '2026-04-03T10:30Z', '2026-04-03T11:30Z')], 90],
    ['partial 10:00–11:00 with major 10:30–10:45 inside', [inc('partial_outage', '2026-04-03T10:00Z', '2026-04-03T11:00Z'), inc('major_outage', '2026-04-03T10:30Z', '2026-04-03T10:45Z')], 45 * 0.3 + 15],
    ['major 10:00–11:00 and a later milder partial 10:30–12:00 (issue 11): 60 + 60 × 0.3', [inc('major_outage', '2026-04-03T10:00Z', '2026-04-03T11:00Z'), inc('partial_outage', '2026-04-03T10:30Z', '2026-04-03T12:00Z')], 78],
  ] as const)('%s', (_name, decls, downtime) => {
    const intervals = effectiveTimeline([...decls], T('2026-04-01T00:00Z'), null);
    expect(month('2026-04', { intervals })!.downtimeMinutes).toBeCloseTo(downtime, 9);
  });

  it('an outage only partly inside a window keeps the part outside (issue 11: 25 + 30 × 0.3 = 34 min)', () => {
    const intervals = effectiveTimeline(
      [
        { source: 'maintenance', status: 'under_maintenance', start: T('2026-04-03T02:00Z'), end: T('2026-04-03T03:00Z') },
        inc('major_outage', '2026-04-03T02:40Z', '2026-04-03T03:25Z'),
        { source: 'maintenance', status: 'under_maintenance', start: T('2026-04-05T01:00Z'), end: T('2026-04-05T02:00Z') },
        inc('partial_outage', '2026-04-05T01:30Z', '2026-04-05T02:30Z'),
      ],
      T('2026-04-01T00:00Z'),
      null,
    );
    const r = month('2026-04', { intervals })!;
    expect(r.downtimeMinutes).toBeCloseTo(34, 9);
    expect(r.uptimePercentage).toBe(99.921296);
    expect(r.creditPercent).toBe(15);
    expect(r.maintenanceMinutes).toBe(120);
  });
});

describe('maintenance and excluded incidents are not downtime', () => {
  const outage = (s: string, e: string) => [iv('major_outage', `2026-04-03T${s}Z`, `2026-04-03T${e}Z`)];
  const w = (s: string, e: string) => span(`2026-04-03T${s}Z`, `2026-04-03T${e}Z`);
  // `counted`: the history without the excluded incidents' own declarations (null: nothing excluded).
  it.each([
    // name, outage, maintenance, counted, downtime, excluded minutes, maintenance minutes
    ['outage fully inside a window', outage('02:00', '02:30'), [w('01:00', '03:00')], null, 0, 30, 120],
    ['outage partly inside a window', outage('02:00', '04:00'), [w('01:00', '03:00')], null, 60, 60, 120],
    ['overlapping windows are not subtracted twice', outage('00:00', '05:00'), [w('01:00', '03:00'), w('02:00', '04:00')], null, 120, 180, 180],
    ['window overlapping an excluded incident (02–04)', outage('00:00', '05:00'), [w('01:00', '03:00')], [...outage('00:00', '02:00'), ...outage('04:00', '05:00')], 120, 180, 120],
    ['excluded incident alone', outage('10:00', '11:00'), [], [], 0, 60, 0],
    ['excluded X 10–11 under counted Y 10:30–12: Y counts in full', outage('10:00', '12:00'), [], outage('10:30', '12:00'), 90, 30, 0],
    ['excluded major X over counted partial Y 10–11: Y counts at its weight', outage('10:00', '11:00'), [], [iv('partial_outage', '2026-04-03T10:00Z', '2026-04-03T11:00Z')], 18, 42, 0],
    ['window with no outage', [], [w('01:00', '01:08')], null, 0, 0, 8],
  ] as const)('%s', (_name, intervals, maintenance, counted, downtime, excludedMin, maint) => {
    const r = month('2026-04', { intervals: [...intervals], maintenance: [...maintenance], counted: counted === null ? undefined : [...counted] })!;
    expect(r.downtimeMinutes).toBeCloseTo(downtime, 9);
    expect(r.excludedMinutes).toBeCloseTo(excludedMin, 9);
    expect(r.maintenanceMinutes).toBe(maint);
    expect(r.maintenanceOverrun).toBe(maint > 10);
  });

  it('partial outage inside a window excludes the weighted minutes', () => {
    const r = month('2026-04', { intervals: [iv('partial_outage', '2026-04-03T01:00Z', '2026-04-03T03:00Z')], maintenance: [span('2026-04-03T02:00Z', '2026-04-03T04:00Z')] })!;
    expect(r.downtimeMinutes).toBeCloseTo(18, 9); // 60 min × 0.3
    expect(r.excludedMinutes).toBeCloseTo(18, 9);
  });
});

describe('component created mid-month and the current month', () => {
  it('measures from the start date, clipping earlier intervals', () => {
    const r = month('2026-04', { startDate: T('2026-04-16T00:00Z'), intervals: [iv('major_outage', '2026-04-15T23:00Z', '2026-04-16T01:00Z')] })!;
    expect(r.minutesInMonth).toBe(15 * 1440);
    expect(r.downtimeMinutes).toBe(60);
    expect(r.uptimePercentage).toBe(99.722222); // 60 / 21600
  });

  it('a component created after the month has no figures', () => {
    expect(month('2026-04', { startDate: T('2026-05-01T00:00Z') })).toBeNull();
  });

  it.each([
    // open outage since 11:00, now 12:00 on Apr 10: 9.5 days measured; budget over the full month: 43.2 min − downtime
    ['an open outage past the budget', iv('major_outage', '2026-04-10T11:00Z', null), 60, 99.561404, 0],
    ['10 minutes of downtime', iv('major_outage', '2026-04-10T11:00Z', '2026-04-10T11:10Z'), 10, 99.926901, 33.2],
  ] as const)('current month: %s', (_name, interval, downtime, uptime, budget) => {
    const r = month('2026-04', { now: T('2026-04-10T12:00Z'), intervals: [interval] })!;
    expect(r.partial).toBe(true);
    expect(r.minutesInMonth).toBe(9.5 * 1440);
    expect(r.downtimeMinutes).toBe(downtime);
    expect(r.uptimePercentage).toBe(uptime);
    expect(r.budgetRemainingMinutes).toBeCloseTo(budget, 9);
  });

  it('a month that has not begun has no figures', () => {
    expect(month('2026-05', { now: T('2026-04-10T12:00Z') })).toBeNull();
  });
});

describe('credit tiers', () => {
  it.each([
    [100, 0],
    [99.95, 0],
    [99.9499, 15],
    [99.9, 15],
    [99.8999, 25],
    [50, 25],
    [0, 25],
  ])('default tiers: %s %% → %s %% credit', (uptime, credit) => {
    expect(creditFor(uptime, DEFAULT_CREDIT_TIERS)).toBe(credit);
  });

  it('reads a configured table', () => {
    const tiers = [{ below: 99.99, atLeast: 99, creditPercent: 10 }, { below: 99, atLeast: 0, creditPercent: 50 }];
    expect([creditFor(99.995, tiers), creditFor(99.5, tiers), creditFor(98, tiers)]).toEqual([0, 10, 50]);
  });

  it.each([
    // April has 2,592,000 s: 21.6 min down = 99.95 % exactly, 43.2 min = 99.9 % exactly; one second more crosses.
    ['exactly 99.95 %', 21.6 * 60_000, 99.95, 0, true],
    ['one second under 99.95 %', 21.6 * 60_000 + 1000, 99.949961, 15, true],
    ['exactly 99.9 %', 43.2 * 60_000, 99.9, 15, true],
    ['one second under 99.9 %', 43.2 * 60_000 + 1000, 99.899961, 25, false],
  ])('%s (target 99.9 %%)', (_name, downMs, uptime, credit, metTarget) => {
    const start = T('2026-04-03T00:00Z');
    const r = month('2026-04', { target: 99.9, intervals: [{ status: 'major_outage', start, end: start + downMs }] })!;
    expect(r.uptimePercentage).toBe(uptime);
    expect(r.creditPercent).toBe(credit);
    expect(r.met).toBe(metTarget);
  });
});

describe('calendar helpers', () => {
  it('merges spans', () => {
    expect(unionSpans([{ start: 5, end: 8 }, { start: 0, end: 3 }, { start: 2, end: 6 }, { start: 10, end: 12 }], 1, 11)).toEqual([{ start: 1, end: 8 }, { start: 10, end: 11 }]);
  });
  it('month spans in UTC and in a reporting time zone (DST inside the month)', () => {
    expect(monthSpan('2026-02')).toEqual({ start: T('2026-02-01T00:00Z'), end: T('2026-03-01T00:00Z') });
    expect(monthSpan('2026-03', 'Europe/Berlin')).toEqual({ start: T('2026-02-28T23:00Z'), end: T('2026-03-31T22:00Z') });
    expect(monthSpan('2026-13')).toBeNull();
    expect(monthOf(T('2026-02-28T23:30Z'), 'Europe/Berlin')).toBe('2026-03');
    expect(monthOf(T('2026-02-28T23:30Z'))).toBe('2026-02');
  });
  it.each([
    [[], 'UTC', null],
    [[T('2026-01-20T00:00Z'), T('2025-11-03T12:00Z')], 'UTC', '2025-11'],
    [[T('2026-02-28T23:30Z')], 'Europe/Berlin', '2026-03'],
    [[T('2027-05-01T00:00Z')], 'UTC', '2026-03'],
  ] as const)('the first month to report of starts %j in %s is %s (a start after now counts as now)', (starts, tz, first) => {
    expect(firstReportMonth(starts, T('2026-03-10T00:00Z'), tz)).toBe(first);
  });
  it('lists the months ending with one, across a year', () => {
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect([shiftMonth('2026-12', 1), shiftMonth('2026-01', -1)]).toEqual(['2027-01', '2025-12']);
  });
});

describe('scale', () => {
  it('handles a month of one-minute monitor flaps quickly and exactly', () => {
    const start = T('2026-04-01T00:00Z');
    // 21,600 alternating intervals: major for one minute, operational the next
    const intervals: StatusInterval[] = Array.from({ length: 21_600 }, (_, i) => ({ status: i % 2 ? 'operational' : 'major_outage', start: start + i * 60_000, end: start + (i + 1) * 60_000 }));
    const t0 = performance.now();
    const r = month('2026-04', { intervals })!;
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r.downtimeMinutes).toBe(10_800);
    expect(r.uptimePercentage).toBe(75);
  });
});

describe('existedIn', () => {
  const range = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
  it.each([
    ['started before the month', Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1), true],
    ['started inside it', Date.UTC(2026, 2, 20), Date.UTC(2026, 5, 1), true],
    ['started as it ended', range.end, Date.UTC(2026, 5, 1), false],
    ['started after it', Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1), false],
    ['the month not begun at now', Date.UTC(2026, 0, 1), range.start, false],
    ['started later than now in the current month', Date.UTC(2026, 2, 20), Date.UTC(2026, 2, 10), false],
  ])('%s', (_, startDate, now, expected) => expect(existedIn(range, startDate, now)).toBe(expected));
});

describe('formatSlaMinutes: one figure on every surface', () => {
  it.each([
    [14.295, '14.295'],
    [43_200, '43200'],
    [0.1 + 0.2, '0.3'],
    [21.6, '21.6'],
    [0, '0'],
  ])('%s → %s', (m, text) => expect(formatSlaMinutes(m)).toBe(text));
});

describe('maintenance policy: exclude all, or count the excess over the allowance (the month’s last minutes)', () => {
  const at = (d: string, t: string) => `2026-04-${d}T${t}Z`;
  const w = (d: string, s: string, e: string) => span(at(d, s), at(d, e));
  const down = (d: string, s: string, e: string) => iv('major_outage', at(d, s), at(d, e));
  const count = { ...POLICY, maintenancePolicy: 'count_excess' as const };
  it.each([
    // name, policy, intervals, windows, downtime, excluded, used, excess, excess counted, uptime (April = 43,200 min)
    ['25 min window over an outage, exclude all', POLICY, [down('03', '10:00', '10:25')], [w('03', '10:00', '10:25')], 0, 25, 10, 15, 0, 100],
    ['25 min window over an outage, count the excess: the last 15 count', count, [down('03', '10:00', '10:25')], [w('03', '10:00', '10:25')], 15, 10, 10, 15, 15, 99.965278],
    ['8 + 10 min windows, no outage: the excess is the last 8 min of the later window', count, [], [w('03', '02:00', '02:08'), w('20', '20:00', '20:10')], 8, 0, 10, 8, 8, 99.981481],
    ['within the allowance nothing counts', count, [down('03', '10:00', '10:05')], [w('03', '10:00', '10:10')], 0, 5, 10, 0, 0, 100],
  ] as const)('%s', (_n, policy, intervals, windows, downtime, excluded, used, excess, charged, uptime) => {
    const r = month('2026-04', { policy, intervals: [...intervals], maintenance: [...windows] })!;
    expect(r).toMatchObject({ downtimeMinutes: downtime, excludedMinutes: excluded, maintenanceAllowanceUsedMinutes: used, maintenanceExcessMinutes: excess, maintenanceExcessDowntimeMinutes: charged, uptimePercentage: uptime, maintenancePolicy: policy.maintenancePolicy });
  });

  it('an excluded incident inside the excess still counts the excess once, at full weight', () => {
    // Window 10:00–10:25, excluded incident's outage 10:00–10:25 (counted history: nothing): 15 excess minutes count.
    const r = month('2026-04', { policy: count, intervals: [down('03', '10:00', '10:25')], counted: [], maintenance: [w('03', '10:00', '10:25')] })!;
    expect(r).toMatchObject({ downtimeMinutes: 15, excludedMinutes: 10 });
  });
});
