/** Chart series for a component page, computed on the server; the browser only draws them. */
import { MS_PER_DAY } from './constants';
import { dayLabel } from './time';
import { groupBy } from './group-by';

export interface CheckPoint {
  at: number;
  ok: boolean;
  latencyMs: number | null;
}

export interface MonitorDay {
  day: number;
  checks: number;
  failures: number;
  p50: number | null;
  p95: number | null;
}

/** [seconds since the window's start, latency in ms or null for a failed check (a gap)]: compact in the page. */
export type LatencyPoint = [number, number | null];

export interface DailyLatency {
  labels: string[];
  p50: (number | null)[];
  p95: (number | null)[];
}

export interface ChartSeries {
  /** One line per monitor over the last 24 h at check resolution. */
  recent: { label: string; points: LatencyPoint[] }[];
  /** The 24-hour window the recent lines cover (epoch ms). */
  recentWindow: { from: number; to: number };
  /** Daily p50/p95 for the last 7, 30 and 90 days. */
  daily: { d7: DailyLatency; d30: DailyLatency; d90: DailyLatency };
  /** Uptime % per day (null = no data) for the day-bar window. */
  uptime: { labels: string[]; values: (number | null)[] };
}

/** Last-24-hours points of one monitor, oldest first; failures become gaps. */
export function recentLatency(results: CheckPoint[], now: number): LatencyPoint[] {
  const from = now - MS_PER_DAY;
  return results
    .filter((r) => r.at >= from && r.at <= now)
    .sort((a, b) => a.at - b.at)
    .map((r) => [Math.round((r.at - from) / 1000), r.ok && r.latencyMs != null ? Math.round(r.latencyMs) : null]);
}

/**
 * Daily p50/p95 of a component over `days` days ending with `today`. With several monitors the slowest
 * monitor's figure is shown (an honest worst case rather than an average of unlike targets).
 */
export function dailyLatency(rows: MonitorDay[], today: number, days: number): DailyLatency {
  const out: DailyLatency = { labels: [], p50: [], p95: [] };
  const byDay = groupBy(rows, (r) => r.day);
  for (let d = today - days + 1; d <= today; d++) {
    const list = (byDay.get(d) ?? []).filter((r) => r.checks > 0);
    const worst = (key: 'p50' | 'p95') => {
      const v = list.map((r) => r[key]).filter((x): x is number => x != null);
      return v.length ? Math.round(Math.max(...v)) : null;
    };
    out.labels.push(dayLabel(d));
    out.p50.push(worst('p50'));
    out.p95.push(worst('p95'));
  }
  return out;
}

/** Uptime per day for the chart, rounded to 3 decimals. */
export function uptimeSeries(days: { day: number; uptime: number | null }[]): ChartSeries['uptime'] {
  return {
    labels: days.map((d) => dayLabel(d.day)),
    values: days.map((d) => (d.uptime === null ? null : Math.round(d.uptime * 1000) / 1000)),
  };
}

/** The text summary of a latency series: min, median and max of the drawn values. */
export function summarizeLatency(values: (number | null)[]): { min: number; median: number; max: number; count: number } | null {
  // A typed array sorts numerically without a comparator call per step (a day of checks is ~1,440 values).
  const v = Float64Array.from(values.filter((x): x is number => x != null)).sort();
  if (v.length === 0) return null;
  return { min: v[0], median: v[Math.floor((v.length - 1) / 2)], max: v[v.length - 1], count: v.length };
}

/**
 * SVG polyline point lists for a small sparkline of `values` (one per slot, null = gap) in a width×height
 * box; the y axis runs from 0 to the largest value. Each run of values without gaps is one polyline.
 */
export function sparklineSegments(values: (number | null)[], width: number, height: number): string[] {
  const max = Math.max(0, ...values.filter((v): v is number => v != null));
  if (values.length === 0 || max === 0) return [];
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v == null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = Math.round(i * step * 10) / 10;
    const y = Math.round((height - (v / max) * height) * 10) / 10;
    current.push(`${x},${y}`);
  });
  if (current.length) segments.push(current.join(' '));
  return segments;
}
