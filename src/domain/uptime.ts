/** Daily availability (rule 4): seconds per status per UTC day, uptime %, day-bar level. */
// Decision: docs/decisions/007-uptime-weights-and-no-data.md
import { DAY_BAR_LEVELS, MS_PER_DAY } from './constants';
import { fieldOf, weightedDowntime } from './downtime';
import type { ComponentStatus } from './enums';
import { dayIndex, dayLabel, dayStart, overlap } from './time';

export interface DaySeconds {
  operational: number;
  maintenance: number;
  degraded: number;
  partial: number;
  major: number;
}

export interface StatusInterval {
  status: ComponentStatus;
  start: number;
  /** null while the interval is open (current status). */
  end: number | null;
  /** A maintenance window covers it: its seconds are maintenance seconds, never downtime. */
  maintenance?: boolean;
}

export type DayLevel = 'nodata' | (typeof DAY_BAR_LEVELS)[number]['level'];

export function emptyDay(): DaySeconds {
  return { operational: 0, maintenance: 0, degraded: 0, partial: 0, major: 0 };
}

/** Splits [start, end) into the seconds it covers on each UTC day. */
export function splitByDay(start: number, end: number): { day: number; seconds: number }[] {
  const out: { day: number; seconds: number }[] = [];
  if (end <= start) return out;
  for (let day = dayIndex(start); dayStart(day) < end; day++) {
    const s = overlap(start, end, dayStart(day), dayStart(day) + MS_PER_DAY) / 1000;
    if (s > 0) out.push({ day, seconds: s });
  }
  return out;
}

function countedSeconds(d: DaySeconds): number {
  return d.operational + d.maintenance + d.degraded + d.partial + d.major;
}

/** Weighted downtime: major × 1 + partial × w; degraded and maintenance are not downtime (downtime.ts). */
export function downtimeSeconds(d: DaySeconds): number {
  return weightedDowntime(d);
}

/** Uptime percentage of a day (0–100), or null when nothing was measured. */
export function uptimePercent(d: DaySeconds): number | null {
  const counted = countedSeconds(d);
  if (counted <= 0) return null;
  return (1 - downtimeSeconds(d) / counted) * 100;
}

/** Colour level of a day bar from its weighted downtime share. */
export function dayBarLevel(d: DaySeconds): DayLevel {
  const counted = countedSeconds(d);
  if (counted <= 0) return 'nodata';
  const share = downtimeSeconds(d) / counted;
  for (const { level, maxShare } of DAY_BAR_LEVELS) if (share <= maxShare) return level;
  return 'critical';
}

function addDays(a: DaySeconds, b: DaySeconds): DaySeconds {
  return {
    operational: a.operational + b.operational,
    maintenance: a.maintenance + b.maintenance,
    degraded: a.degraded + b.degraded,
    partial: a.partial + b.partial,
    major: a.major + b.major,
  };
}

export interface DayIncident {
  id: number;
  title: string;
  impact: string;
}

export interface DayFigure {
  day: number;
  date: string;
  seconds: DaySeconds;
  uptime: number | null;
  level: DayLevel;
  incidents: DayIncident[];
}

export interface DayRecordInput {
  /** Rolled-up seconds of closed intervals, by day index. */
  rollups: Map<number, DaySeconds>;
  /** Intervals not yet in the rollups (the open one), clipped here to [startDate, now). */
  pending: StatusInterval[];
  startDate: number;
  now: number;
  days: number;
  /** Incidents touching each day, by day index. */
  incidentsByDay?: Map<number, DayIncident[]>;
}

/** The last `days` UTC days ending today, oldest first. */
export function buildDayRecord({ rollups, pending, startDate, now, days, incidentsByDay }: DayRecordInput): DayFigure[] {
  const today = dayIndex(now);
  const first = today - days + 1;
  const extra = new Map<number, DaySeconds>();
  for (const iv of pending) {
    const start = Math.max(iv.start, startDate, dayStart(first));
    const end = Math.min(iv.end ?? now, now);
    for (const { day, seconds } of splitByDay(start, end)) {
      const d = extra.get(day) ?? emptyDay();
      d[fieldOf(iv)] += seconds;
      extra.set(day, d);
    }
  }
  const out: DayFigure[] = [];
  for (let day = first; day <= today; day++) {
    const before = dayStart(day + 1) <= startDate;
    const seconds = before ? emptyDay() : addDays(rollups.get(day) ?? emptyDay(), extra.get(day) ?? emptyDay());
    out.push({
      day,
      date: dayLabel(day),
      seconds,
      uptime: uptimePercent(seconds),
      level: dayBarLevel(seconds),
      incidents: incidentsByDay?.get(day) ?? [],
    });
  }
  return out;
}

/** Uptime % over several days, weighting each by its counted seconds; null when none measured. */
export function uptimeOfDays(days: { seconds: DaySeconds }[]): number | null {
  return uptimePercent(days.reduce((acc, d) => addDays(acc, d.seconds), emptyDay()));
}

// Day records are immutable once built and reused between renders (the server's day cache): so are their spans' uptimes.
const lastDaysUptime = new WeakMap<readonly { seconds: DaySeconds }[], Map<number, number | null>>();

/** uptimeOfDays of the last `n` days of a record, computed once per record and n. */
export function uptimeOfLastDays(days: readonly { seconds: DaySeconds }[], n: number): number | null {
  let byN = lastDaysUptime.get(days);
  if (!byN) lastDaysUptime.set(days, (byN = new Map()));
  let u = byN.get(n);
  if (u === undefined) byN.set(n, (u = uptimeOfDays(days.slice(-n))));
  return u;
}

/** Seconds by status of intervals clipped to [from, to). */
export function secondsInWindow(intervals: StatusInterval[], from: number, to: number): DaySeconds {
  const d = emptyDay();
  for (const iv of intervals) d[fieldOf(iv)] += overlap(iv.start, iv.end ?? to, from, to) / 1000;
  return d;
}

/**
 * Day seconds of the closed intervals on days [firstDay, lastDay], summed in start order so the same intervals
 * always give the same floating-point figures (the rollups are a cache and must not depend on write order).
 */
export function rollupDays(intervals: StatusInterval[], firstDay: number, lastDay: number): Map<number, DaySeconds> {
  const out = new Map<number, DaySeconds>();
  const sorted = intervals.filter((iv) => iv.end !== null).sort((a, b) => a.start - b.start);
  for (const iv of sorted) {
    const start = Math.max(iv.start, dayStart(firstDay));
    const end = Math.min(iv.end!, dayStart(lastDay + 1));
    for (const { day, seconds } of splitByDay(start, end)) {
      const d = out.get(day) ?? emptyDay();
      d[fieldOf(iv)] += seconds;
      out.set(day, d);
    }
  }
  return out;
}

/** Formats a percentage without rounding a real loss up to 100 (99.9996 → "99.99"). */
export function formatPercent(p: number | null, digits = 2): string {
  if (p === null) return 'No data';
  const f = 10 ** digits;
  return `${(Math.floor(p * f + 1e-9) / f).toFixed(digits)}%`;
}
