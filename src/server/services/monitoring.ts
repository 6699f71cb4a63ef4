/** Monitor checks → flap-controlled verdicts → the component's monitor_status; plus daily figures and retention. */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { monitorDaily, monitorResults, monitors } from '../../../db/schema';
import { classifyCheck, componentMonitorStatus, dailyFigures, nextFlapState, opensIncident, parseFlapState, type CheckOutcome, type FlapState } from '../../domain/monitor';
import { components } from '../../../db/schema';
import { dayIndex, dayStart } from '../../domain/time';
import { MS_PER_DAY } from '../../domain/constants';
import { tx, type Db } from '../db';
import { degradedThreshold, type ProbeResult } from '../monitor/probe';
import { openMonitorIncident } from './monitor-incidents';
import { refreshStatus } from './status-core';

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
 * a status change with source 'monitor' (a declared status still wins inside effectiveStatus).
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
  refreshStatus(db, componentId, now, now, { source: 'monitor', actor: 'monitor' });
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
    const before = readFlapState(m);
    const next = nextFlapState(before, outcome, m.failThreshold, m.recoverThreshold);
    db.update(monitors).set({ state: JSON.stringify(next), lastCheckedAt: r.at }).where(eq(monitors.id, monitorId)).run();
    const componentChanged = !m.paused && next.verdict !== before.verdict ? applyMonitorVerdict(db, m.componentId, now, r.error ?? 'check failed').changed : false;
    return { outcome, before: before.verdict, verdict: next.verdict, componentChanged };
  });
}

/** Recomputes monitor_daily for one UTC day from the raw results (idempotent). */
export function aggregateMonitorDay(db: Db, day: number): number {
  const from = dayStart(day);
  return tx(db, () => {
    const rows = db
      .select({ monitorId: monitorResults.monitorId, ok: monitorResults.ok, latencyMs: monitorResults.latencyMs })
      .from(monitorResults)
      .where(and(gte(monitorResults.at, from), lt(monitorResults.at, from + MS_PER_DAY)))
      .all();
    const byMonitor = new Map<number, { ok: boolean; latencyMs: number | null }[]>();
    for (const r of rows) {
      const list = byMonitor.get(r.monitorId) ?? [];
      list.push(r);
      byMonitor.set(r.monitorId, list);
    }
    for (const [monitorId, list] of byMonitor) {
      const f = dailyFigures(list);
      db.insert(monitorDaily)
        .values({ monitorId, day, ...f })
        .onConflictDoUpdate({ target: [monitorDaily.monitorId, monitorDaily.day], set: f })
        .run();
    }
    return byMonitor.size;
  });
}

/** Deletes raw results older than the retention period, whole UTC days only, aggregating each day first. */
export function purgeMonitorResults(db: Db, now: number, retentionDays: number): number {
  const keepFromDay = dayIndex(now - retentionDays * MS_PER_DAY);
  const oldest = db.select({ at: sql<number | null>`min(${monitorResults.at})` }).from(monitorResults).get()?.at;
  if (oldest == null || dayIndex(oldest) >= keepFromDay) return 0;
  for (let d = dayIndex(oldest); d < keepFromDay; d++) aggregateMonitorDay(db, d);
  return tx(db, () => db.delete(monitorResults).where(lt(monitorResults.at, dayStart(keepFromDay))).run().changes);
}
