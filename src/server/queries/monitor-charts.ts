/** Reads the monitor figures behind a component page's charts. */
import { asc, eq, sql } from 'drizzle-orm';
import { monitorDaily, monitorResults, monitors } from '../../../db/schema';
import { dailyLatency, recentLatency, sparklineSegments, summarizeLatency, uptimeSeries, type ChartSeries, type CheckPoint } from '../../domain/chart-series';
import { MS_PER_DAY } from '../../domain/constants';
import { dayIndex } from '../../domain/time';
import type { Db } from '../db';
import { idsOf, prepared } from './prepared';
import { groupBy } from '../../domain/group-by';

export interface ComponentCharts {
  /** False when the component has no monitors: only the uptime chart is shown. */
  hasMonitors: boolean;
  series: ChartSeries;
}

interface CheckRow extends CheckPoint {
  id: number;
}

/** A monitor's checks of the last day as last read, and the newest result id among them. */
interface CheckWindow {
  from: number;
  builtAt: number;
  newestId: number;
  rows: CheckRow[];
}

const windows = new WeakMap<Db, Map<number, CheckWindow>>();
const MAX_WINDOWS = 500;
const WINDOW_MAX_AGE_MS = 10 * 60_000;

/**
 * Each monitor's checks since `now` - 24 h. A day of one-minute checks is ~1,440 rows per monitor, and results are
 * only ever appended (AUTOINCREMENT ids; retention deletes days-old rows): so a monitor's window is kept and only
 * rows with a newer id are read, and those that left the window dropped. A window is read whole again when time
 * moves backwards or after ten minutes.
 */
function recentChecks(db: Db, ids: number[], now: number): Map<number, CheckRow[]> {
  const out = new Map<number, CheckRow[]>();
  if (ids.length === 0) return out;
  let cache = windows.get(db);
  if (!cache) windows.set(db, (cache = new Map()));
  const from = now - MS_PER_DAY;
  const kept = ids.map((id) => {
    const w = cache.get(id);
    return w && w.from <= from && now - w.builtAt < WINDOW_MAX_AGE_MS ? w : { from, builtAt: now, newestId: 0, rows: [] };
  });
  const since = Math.min(...kept.map((w) => w.newestId));
  const fresh = db.all<{ id: number; monitorId: number; at: number; ok: number; latencyMs: number | null }>(
    sql`SELECT id, monitor_id AS monitorId, at, ok, latency_ms AS latencyMs FROM ${monitorResults}
        WHERE monitor_id IN ${idsOf(ids)} AND at >= ${from} AND id > ${since} ORDER BY id`,
  );
  ids.forEach((id, i) => {
    const w = kept[i];
    let rows = w.rows[0] && w.rows[0].at < from ? w.rows.filter((r) => r.at >= from) : w.rows;
    const added = fresh.filter((r) => r.monitorId === id && r.id > w.newestId).map((r) => ({ id: r.id, at: r.at, ok: r.ok !== 0, latencyMs: r.latencyMs }));
    if (added.length) rows = rows.concat(added);
    const next = { from, builtAt: w.builtAt, newestId: added.length ? added[added.length - 1].id : w.newestId, rows };
    cache.delete(id);
    if (cache.size >= MAX_WINDOWS) cache.delete(cache.keys().next().value!);
    cache.set(id, next);
    out.set(id, rows);
  });
  return out;
}

const monitorsOfQ = prepared((db) =>
  db.select({ id: monitors.id, name: monitors.name }).from(monitors).where(eq(monitors.componentId, sql.placeholder('componentId'))).orderBy(asc(monitors.id)).prepare(),
);

/** Chart series for one component: 24 h of checks per monitor, daily p50/p95, uptime per day. */
export function getComponentCharts(db: Db, componentId: number, days: { day: number; uptime: number | null }[], now: number): ComponentCharts {
  const mons = monitorsOfQ(db).all({ componentId });
  const ids = mons.map((m) => m.id);
  const today = dayIndex(now);
  const results = recentChecks(db, ids, now);
  const daily = ids.length
    ? db.all<{ day: number; checks: number; failures: number; p50: number | null; p95: number | null }>(
        sql`SELECT day, checks, failures, p50, p95 FROM ${monitorDaily} WHERE monitor_id IN ${idsOf(ids)} AND day >= ${today - 89}`,
      )
    : [];
  return {
    hasMonitors: ids.length > 0,
    series: {
      recentWindow: { from: now - MS_PER_DAY, to: now },
      recent: mons.map((m) => ({ label: m.name, points: recentLatency(results.get(m.id) ?? [], now) })),
      daily: { d7: dailyLatency(daily, today, 7), d30: dailyLatency(daily, today, 30), d90: dailyLatency(daily, today, 90) },
      uptime: uptimeSeries(days),
    },
  };
}

export interface Sparkline {
  segments: string[];
  /** Text alternative: the range the line covers. */
  label: string;
}

const SPARK_DAYS = 30;

/** Per component with monitors: a 30-day sparkline of the daily p95 (the slowest monitor's) for the overview. */
export function getSparklines(db: Db, now: number): Map<number, Sparkline> {
  const today = dayIndex(now);
  // Already the slowest monitor's p95 per component and day, which is what dailyLatency draws.
  const rows = db.all<{ componentId: number; day: number; checks: number; failures: number; p50: null; p95: number }>(
    sql`SELECT m.component_id AS componentId, d.day AS day, sum(d.checks) AS checks, sum(d.failures) AS failures, NULL AS p50, max(d.p95) AS p95
        FROM ${monitorDaily} d JOIN ${monitors} m ON m.id = d.monitor_id
        WHERE d.day >= ${today - SPARK_DAYS + 1} AND d.checks > 0 AND d.p95 IS NOT NULL
        GROUP BY m.component_id, d.day`,
  );
  const byComponent = groupBy(rows, (r) => r.componentId);
  const out = new Map<number, Sparkline>();
  for (const [componentId, list] of byComponent) {
    const p95 = dailyLatency(list, today, SPARK_DAYS).p95;
    const segments = sparklineSegments(p95, 100, 20);
    const sum = summarizeLatency(p95);
    if (segments.length && sum) out.set(componentId, { segments, label: `Response time (p95) over ${SPARK_DAYS} days: ${sum.min} to ${sum.max} ms` });
  }
  return out;
}
