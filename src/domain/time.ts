/** UTC calendar arithmetic on epoch milliseconds; no clock reads. */
import { MS_PER_DAY } from './constants';

/** Days since the Unix epoch of the UTC day containing ms. */
export function dayIndex(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function dayStart(day: number): number {
  return day * MS_PER_DAY;
}

/** YYYY-MM-DD of a day index. */
export function dayLabel(day: number): string {
  return new Date(dayStart(day)).toISOString().slice(0, 10);
}

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
export function monthRange(year: number, month: number): { start: number; end: number } {
  return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
}

export function monthLabel(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Length of the overlap of [a0,a1) and [b0,b1), never negative. */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
