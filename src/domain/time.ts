/** UTC calendar arithmetic on epoch milliseconds; no clock reads. */
import { ClearingMemo } from './clearing-memo';
import { MS_PER_DAY } from './constants';

/** A closed-open stretch of time [start, end) in epoch ms. */
export interface Span {
  start: number;
  end: number;
}

/** Days since the Unix epoch of the UTC day containing ms. */
export function dayIndex(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function dayStart(day: number): number {
  return day * MS_PER_DAY;
}

/** YYYY-MM-DD of a day index. */
export function dayLabel(day: number): string {
  return dayLabels.getOrCompute(day, formatDayLabel);
}

function formatDayLabel(day: number): string {
  return new Date(dayStart(day)).toISOString().slice(0, 10);
}
// Every page labels the same 90 days for each component.
const dayLabels = new ClearingMemo<number, string>(10_000);

/** Parses YYYY-MM into {year, month (1-12)} or null when malformed. */
export function parseMonth(value: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1970 || year > 9999) return null;
  return { year, month };
}

/** [start, end) of a UTC calendar month in ms. */
export function monthRange(year: number, month: number): Span {
  return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
}

export function monthLabel(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Length of the overlap of [a0,a1) and [b0,b1), never negative. */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an ISO 8601 date-time strictly (no Date.parse leniency): calendar fields must exist, and a zone
 * (Z or ±hh:mm) is required unless `assumeUtc` (admin datetime-local inputs are entered in UTC).
 */
export function parseIsoTime(value: string, opts: { assumeUtc?: boolean } = {}): number | null {
  const m = ISO_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  if (!zone && !opts.assumeUtc) return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0')));
  if (new Date(base).getUTCDate() !== day) return null;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return null;
    offset = (zone[0] === '+' ? 1 : -1) * (oh * 60 + om) * 60_000;
  }
  return base - offset;
}

/** The value for a datetime-local input showing ms in UTC (minute precision). */
export function toDateTimeInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}
