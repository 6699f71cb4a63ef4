/** Monitor checks → flap-controlled verdicts → the component's monitor_status; plus daily figures and retention. */
// Decision: docs/decisions/015-monitor-scheduling-and-retention.md
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { monitorDaily, monitorResults, monitors } from '../../../db/schema';
import { classifyCheck, componentMonitorStatus, dailyFigures, nextFlapState, opensIncident, parseFlapState, type CheckOutcome, type FlapState } from '../../domain/monitor';
import { components } from '../../../db/schema';
import { dayIndex, dayStart } from '../../domain/time';
import { MS_PER_DAY } from '../../domain/constants';
import { tx, type Db } from '../db';
import { degradedThreshold, type ProbeResult } from '../monitor/probe';
import { openMonitorIncident } from './monitor-incidents';
import { declareFrom } from './declarations';
import { countCheck } from '../queries/metrics';

export type MonitorRow = typeof monitors.$inferSelect;

/** The flap state stored on a monitor. */
export function readFlapState(m: Pick<MonitorRow, 'state'>): FlapState {
  try {
    return parseFlapState(JSON.parse(m.state));
  } catch {
    return parseFlapState(null);
  }
}

/**
 * Recomputes the component's monitor verdict from its active monitors and, when it moved, records it as
 * the monitors' declaration from now (a declared status still wins, rule 2).
 */
export function applyMonitorVerdict(db: Db, componentId: number, now: number, detail: string | null = null): { changed: boolean } {
  const active = db
    .select({ state: monitors.state })
    .from(monitors)
    .where(and(eq(monitors.componentId, componentId), eq(monitors.paused, false)))
    .all();
  const verdict = componentMonitorStatus(active.map((m) => readFlapState(m).verdict));
  const c = db.select({ monitorStatus: components.monitorStatus }).from(components).where(eq(components.id, componentId)).get();
  if (!c || c.monitorStatus === verdict) return { changed: false };
  db.update(components).set({ monitorStatus: verdict }).where(eq(components.id, componentId)).run();
  declareFrom(db, componentId, 'monitor', verdict, now);
  if (detail !== null && opensIncident(c.monitorStatus, verdict)) openMonitorIncident(db, componentId, verdict!, detail, now);
  return { changed: true };
}

export interface CheckRecord {
  outcome: CheckOutcome;
  before: CheckOutcome;
  verdict: CheckOutcome;
  componentChanged: boolean;
}

/** Stores one raw result, advances the monitor's flap state and applies the component verdict; one transaction. */
export function recordCheck(db: Db, monitorId: number, r: ProbeResult, now: number): CheckRecord | null {
  return tx(db, () => {
    const m = db.select().from(monitors).where(eq(monitors.id, monitorId)).get();
    if (!m) return null; // deleted while the probe ran
    const outcome = classifyCheck(r.ok, r.latencyMs, degradedThreshold(m.config));
    db.insert(monitorResults)
      .values({ monitorId, at: r.at, ok: r.ok, degraded: outcome === 'degraded', latencyMs: r.latencyMs, statusCode: r.statusCode, error: r.error, certExpiresAt: r.certExpiresAt })
      .run();
    countCheck(db, monitorId, outcome, r.latencyMs);
    const before = readFlapState(m);
    const next = nextFlapState(before, outcome, m.failThreshold, m.recoverThreshold);
    db.update(monitors).set({ state: JSON.stringify(next), lastCheckedAt: r.at }).where(eq(monitors.id, monitorId)).run();
    const componentChanged = !m.paused && next.verdict !== before.verdict ? applyMonitorVerdict(db, m.componentId, now, r.error ?? 'check failed').changed : false;
    return { outcome, before: before.verdict, verdict: next.verdict, componentChanged };
  });
}

/** Recomputes one monitor's monitor_daily row for one UTC day from its raw results (idempotent, index-backed). */
export function aggregateMonitorDay(db: Db, day: number, monitorId: number): boolean {
  const from = dayStart(day);
  return tx(db, () => {
    const rows = db
      .select({ ok: monitorResults.ok, latencyMs: monitorResults.latencyMs })
      .from(monitorResults)
      .where(and(eq(monitorResults.monitorId, monitorId), gte(monitorResults.at, from), lt(monitorResults.at, from + MS_PER_DAY)))
      .all();
    if (rows.length === 0) return false;
    const f = dailyFigures(rows);
    db.insert(monitorDaily)
      .values({ monitorId, day, ...f })
      .onConflictDoUpdate({ target: [monitorDaily.monitorId, monitorDaily.day], set: f })
      .run();
    return true;
  });
}


export function monitorIds(db: Db): number[] {
  return db.select({ id: monitors.id }).from(monitors).all().map((r) => r.id);
}

/** The last day that has figures, or null. */
export function lastAggregatedDay(db: Db): number | null {
  return db.select({ d: sql<number | null>`max(${monitorDaily.day})` }).from(monitorDaily).get()?.d ?? null;
}

/** The day of the oldest raw result, or null. */
export function oldestResultDay(db: Db): number | null {
  const at = db.select({ at: sql<number | null>`min(${monitorResults.at})` }).from(monitorResults).get()?.at;
  return at == null ? null : dayIndex(at);
}

/**
 * Deletes up to `limit` raw results older than the retention period (whole UTC days only). Aggregate those
 * days first: the figures are kept forever, the raw rows are not.
 */
export function purgeMonitorResults(db: Db, now: number, retentionDays: number, limit = 1_000_000_000): number {
  const cutoff = dayStart(dayIndex(now - retentionDays * MS_PER_DAY));
  return tx(db, () =>
    db.$client
      .prepare('DELETE FROM monitor_results WHERE id IN (SELECT id FROM monitor_results WHERE at < ? ORDER BY at LIMIT ?)')
      .run(cutoff, limit).changes,
  );
}
