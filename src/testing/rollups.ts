/** Test helpers that read history straight from the tables, to check the rollups independently. */
import { asc, eq } from 'drizzle-orm';
import { dailyRollups, statusIntervals } from '../../db/schema';
import type { Db } from '../server/db';

type Field = 'operational' | 'maintenance' | 'degraded' | 'partial' | 'major';
const FIELD: Record<string, Field> = {
  operational: 'operational',
  under_maintenance: 'maintenance',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
};
// Written out again here (not imported) so the check stays independent: maintenance time is maintenance seconds.
const fieldOf = (iv: { status: string; maintenance: boolean }): Field => (iv.maintenance ? 'maintenance' : FIELD[iv.status]);
const DAY = 86_400_000;

/** Seconds per day per status of the closed intervals, recomputed by brute force (whole-ms steps by day). */
export function recomputeRollups(db: Db, componentId: number): Record<string, Record<Field, number>> {
  const out: Record<string, Record<Field, number>> = {};
  const rows = db.select().from(statusIntervals).where(eq(statusIntervals.componentId, componentId)).all();
  for (const iv of rows) {
    if (iv.endedAt === null) continue;
    let t = iv.startedAt;
    while (t < iv.endedAt) {
      const dayEnd = (Math.floor(t / DAY) + 1) * DAY;
      const end = Math.min(dayEnd, iv.endedAt);
      const key = String(Math.floor(t / DAY));
      out[key] ??= { operational: 0, maintenance: 0, degraded: 0, partial: 0, major: 0 };
      out[key][fieldOf(iv)] += (end - t) / 1000;
      t = end;
    }
  }
  return out;
}

/** The stored rollups of a component, dropping all-zero rows. */
export function storedRollups(db: Db, componentId: number): Record<string, Record<Field, number>> {
  const out: Record<string, Record<Field, number>> = {};
  for (const r of db.select().from(dailyRollups).where(eq(dailyRollups.componentId, componentId)).all()) {
    const v = { operational: r.operationalS, maintenance: r.maintenanceS, degraded: r.degradedS, partial: r.partialS, major: r.majorS };
    if (Object.values(v).some((s) => Math.abs(s) > 1e-6)) out[String(r.day)] = v;
  }
  return out;
}

/** Intervals of a component in time order, as [status, start, end] (with maintenance: [status, start, end, true]). */
export function intervalsOf(db: Db, componentId: number): ([string, number, number | null] | [string, number, number | null, true])[] {
  return db
    .select()
    .from(statusIntervals)
    .where(eq(statusIntervals.componentId, componentId))
    .orderBy(asc(statusIntervals.startedAt), asc(statusIntervals.id))
    .all()
    .map((r) => (r.maintenance ? [r.status, r.startedAt, r.endedAt, true] : [r.status, r.startedAt, r.endedAt]));
}
