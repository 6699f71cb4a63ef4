/** Keeps status_intervals, daily_rollups and the cached component status consistent; call inside a transaction. */
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { components, dailyRollups, maintenanceComponents, maintenances, statusIntervals } from '../../../db/schema';
import type { ComponentStatus, IntervalSource } from '../../domain/enums';
import { effectiveStatus } from '../../domain/status';
import { splitByDay, statusField } from '../../domain/uptime';
import type { Db } from '../db';
import { recordChange } from './journal';
import { invalidateSla } from './sla';

export interface IntervalRefs {
  source: IntervalSource;
  incidentId?: number | null;
  maintenanceId?: number | null;
  actor?: string | null;
}

const COLUMN = {
  operational: dailyRollups.operationalS,
  maintenance: dailyRollups.maintenanceS,
  degraded: dailyRollups.degradedS,
  partial: dailyRollups.partialS,
  major: dailyRollups.majorS,
} as const;

/** Adds (sign 1) or removes (sign -1) the seconds of [start, end) in `status` to the daily rollups. */
function rollup(db: Db, componentId: number, status: ComponentStatus, start: number, end: number, sign: 1 | -1): void {
  const field = statusField(status);
  const col = COLUMN[field];
  for (const { day, seconds } of splitByDay(start, end)) {
    db.insert(dailyRollups)
      .values({ componentId, day, [`${field}S`]: sign * seconds })
      .onConflictDoUpdate({
        target: [dailyRollups.componentId, dailyRollups.day],
        set: { [`${field}S`]: sql`max(0, ${col} + ${sign * seconds})` },
      })
      .run();
  }
}

/** Whether an in-progress maintenance window holds the component. */
export function inMaintenance(db: Db, componentId: number): boolean {
  const row = db
    .select({ id: maintenances.id })
    .from(maintenanceComponents)
    .innerJoin(maintenances, eq(maintenances.id, maintenanceComponents.maintenanceId))
    .where(and(eq(maintenanceComponents.componentId, componentId), inArray(maintenances.status, ['in_progress', 'verifying'])))
    .get();
  return row !== undefined;
}

/** Opens the first interval of a new component at its start date. */
export function openFirstInterval(db: Db, componentId: number, start: number, status: ComponentStatus, refs: IntervalRefs): void {
  db.insert(statusIntervals)
    .values({ componentId, status, startedAt: start, source: refs.source, actor: refs.actor ?? null })
    .run();
}

/**
 * Recomputes the component's effective status from its sources and records it from `at`.
 * When `at` lies before the open interval (a backfill), the status covers `at` up to the next recorded change
 * (plus later intervals of the same incident or maintenance), the current status follows from now, and the
 * rollups are corrected in the same transaction. Returns the old and new status.
 */
export function refreshStatus(db: Db, componentId: number, at: number, now: number, refs: IntervalRefs): { old: ComponentStatus; next: ComponentStatus; changed: boolean } {
  const c = db.select().from(components).where(eq(components.id, componentId)).get();
  if (!c) throw new Error(`component ${componentId} missing`);
  const next = effectiveStatus({ manual: c.manualStatus, monitor: c.monitorStatus, inMaintenance: inMaintenance(db, componentId) });
  const old = c.status;
  at = Math.max(Math.min(at, now), c.startDate);
  // A backfill rewrites history: frozen SLA months from `at` on must be recomputed.
  if (at < now) invalidateSla(db, [componentId], at, now, now, `history of component ${componentId} corrected from ${new Date(at).toISOString()} (${refs.source}${refs.actor ? ` by ${refs.actor}` : ''})`);

  const later = db
    .select()
    .from(statusIntervals)
    .where(and(eq(statusIntervals.componentId, componentId), or(isNull(statusIntervals.endedAt), gt(statusIntervals.endedAt, at))))
    .orderBy(asc(statusIntervals.startedAt))
    .all();
  const open = later.find((iv) => iv.endedAt === null);
  const values = { status: next, source: refs.source, incidentId: refs.incidentId ?? null, maintenanceId: refs.maintenanceId ?? null, actor: refs.actor ?? null };

  if (!open || open.startedAt <= at) {
    // A change from now (or from inside the current interval): close the open interval at `at`, open the next.
    if (open && open.status === next) return { old, next, changed: false };
    if (open && open.startedAt === at) db.delete(statusIntervals).where(eq(statusIntervals.id, open.id)).run();
    else if (open) {
      rollup(db, componentId, open.status, open.startedAt, at, 1);
      db.update(statusIntervals).set({ endedAt: at }).where(eq(statusIntervals.id, open.id)).run();
    }
    db.insert(statusIntervals).values({ componentId, startedAt: at, ...values }).run();
  } else {
    // A backfill: the new status covers [at, next recorded change) and every later interval that came from the same
    // incident or maintenance (superseded by this update); what other sources recorded later is kept.
    const owned = (iv: (typeof later)[number]) =>
      (refs.incidentId != null && iv.incidentId === refs.incidentId) || (refs.maintenanceId != null && iv.maintenanceId === refs.maintenanceId);
    for (const iv of later) {
      if (iv.startedAt < at && iv.endedAt !== null) {
        rollup(db, componentId, iv.status, at, iv.endedAt, -1);
        rollup(db, componentId, next, at, iv.endedAt, 1);
        db.update(statusIntervals).set({ endedAt: at }).where(eq(statusIntervals.id, iv.id)).run();
        db.insert(statusIntervals).values({ componentId, startedAt: at, endedAt: iv.endedAt, ...values }).run();
      } else if (iv.startedAt === at || owned(iv)) {
        if (iv.endedAt !== null) {
          rollup(db, componentId, iv.status, iv.startedAt, iv.endedAt, -1);
          rollup(db, componentId, next, iv.startedAt, iv.endedAt, 1);
        }
        db.update(statusIntervals).set(values).where(eq(statusIntervals.id, iv.id)).run();
      }
    }
    const current = db.select().from(statusIntervals).where(and(eq(statusIntervals.componentId, componentId), isNull(statusIntervals.endedAt))).get();
    if (current && current.status !== next) {
      rollup(db, componentId, current.status, current.startedAt, now, 1);
      db.update(statusIntervals).set({ endedAt: now }).where(eq(statusIntervals.id, current.id)).run();
      db.insert(statusIntervals).values({ componentId, startedAt: now, ...values }).run();
    }
  }
  const since = db.select({ at: statusIntervals.startedAt }).from(statusIntervals).where(and(eq(statusIntervals.componentId, componentId), isNull(statusIntervals.endedAt))).get()?.at ?? at;
  db.update(components).set({ status: next, statusChangedAt: since, updatedAt: now }).where(eq(components.id, componentId)).run();
  if (old !== next) recordChange(db, now, 'component.status', 'component', componentId, { old_status: old, new_status: next, at });
  return { old, next, changed: old !== next };
}
