/**
 * Independent expectations for the fixture's day bars, computed here from API_OUTAGES and the thresholds
 * written in docs/DECISIONS.md — deliberately not using src/domain, so a bug there cannot hide itself.
 */
import { API_OUTAGES } from './fixture';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface ExpectedDay {
  date: string;
  majorS: number;
  partialS: number;
  degradedS: number;
  titles: string[];
  level: 'ok' | 'minor' | 'notable' | 'major' | 'critical';
  uptime: number;
}

/** DECISIONS.md: weighted downtime share 0 → green; ≤ 0.1 % → yellow; ≤ 1 % → orange; ≤ 5 % → red; more → dark red. */
function levelOf(share: number): ExpectedDay['level'] {
  if (share === 0) return 'ok';
  if (share <= 0.001) return 'minor';
  if (share <= 0.01) return 'notable';
  if (share <= 0.05) return 'major';
  return 'critical';
}

/** Days of the "api" component that had an outage, keyed by YYYY-MM-DD (past days, fully counted). */
export function expectedApiDays(now = Date.now()): Map<string, ExpectedDay> {
  const t0 = Math.floor(now / DAY) * DAY;
  const out = new Map<string, ExpectedDay>();
  for (const o of API_OUTAGES) {
    const start = t0 - o.daysAgo * DAY + o.hour * HOUR;
    const end = start + o.minutes * MINUTE;
    for (let dayStart = Math.floor(start / DAY) * DAY; dayStart < end; dayStart += DAY) {
      const seconds = (Math.min(end, dayStart + DAY) - Math.max(start, dayStart)) / 1000;
      const date = new Date(dayStart).toISOString().slice(0, 10);
      const d = out.get(date) ?? { date, majorS: 0, partialS: 0, degradedS: 0, titles: [], level: 'ok', uptime: 100 };
      if (o.status === 'major_outage') d.majorS += seconds;
      if (o.status === 'partial_outage') d.partialS += seconds;
      if (o.status === 'degraded_performance') d.degradedS += seconds;
      d.titles.push(o.title);
      out.set(date, d);
    }
  }
  for (const d of out.values()) {
    const weighted = d.majorS + 0.3 * d.partialS;
    d.level = levelOf(weighted / 86_400);
    d.uptime = (1 - weighted / 86_400) * 100;
  }
  return out;
}

/** The api component's uptime % over the last `days` UTC days at `now` (whole past days plus today so far). */
export function expectedApiUptime(now = Date.now(), days = 90): number {
  const counted = (days - 1) * 86_400 + (now % DAY) / 1000;
  const first = isoDate(days - 1, now);
  let weighted = 0;
  for (const d of expectedApiDays(now).values()) if (d.date >= first) weighted += d.majorS + 0.3 * d.partialS;
  return (1 - weighted / counted) * 100;
}

/** Truncates like the page must: a loss is never rounded up. */
export function truncated(p: number, digits = 2): string {
  const f = 10 ** digits;
  return `${(Math.floor(p * f) / f).toFixed(digits)}%`;
}

export function isoDate(daysAgo: number, now = Date.now()): string {
  return new Date(Math.floor(now / DAY) * DAY - daysAgo * DAY).toISOString().slice(0, 10);
}
