/** Each source keeps its own declarations; a change to one source recomputes the history it touched. */
// Decision: docs/decisions/003-status-history-derived-from-declarations.md
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { incidentUpdateComponents, incidentUpdates, incidents, maintenanceComponents, maintenances, statusDeclarations } from '../../../db/schema';
import type { ComponentStatus } from '../../domain/enums';
import { incidentDeclarations, maintenanceDeclaredSpan, type DeclaringUpdate, type SourceDeclaration } from '../../domain/source-declarations';
import type { Db } from '../db';
import { recomputeHistory } from './status-core';

type Keyed = SourceDeclaration & { id?: number };
const key = (d: SourceDeclaration) => `${d.componentId}|${d.status}|${d.start}|${d.end}`;

/**
 * Replaces the declarations of one incident or maintenance with `next`; each component whose declarations
 * differ is recomputed from the earliest to the latest changed instant.
 */
function replaceDeclarations(db: Db, source: 'incident' | 'maintenance', sourceId: number, next: SourceDeclaration[], now: number): void {
  const old: Keyed[] = db
    .select({ id: statusDeclarations.id, componentId: statusDeclarations.componentId, status: statusDeclarations.status, start: statusDeclarations.startedAt, end: statusDeclarations.endedAt })
    .from(statusDeclarations)
    .where(and(eq(statusDeclarations.source, source), eq(statusDeclarations.sourceId, sourceId)))
    .all();
  const oldKeys = new Set(old.map(key));
  const nextKeys = new Set(next.map(key));
  const removed = old.filter((d) => !nextKeys.has(key(d)));
  const added = next.filter((d) => !oldKeys.has(key(d)));
  if (removed.length) db.delete(statusDeclarations).where(inArray(statusDeclarations.id, removed.map((d) => d.id!))).run();
  for (const d of added) db.insert(statusDeclarations).values({ componentId: d.componentId, source, sourceId, status: d.status, startedAt: d.start, endedAt: d.end }).run();
  const spans = new Map<number, { from: number; to: number | null }>();
  for (const d of [...removed, ...added]) {
    const s = spans.get(d.componentId);
    const to = s === undefined ? d.end : s.to === null || d.end === null ? null : Math.max(s.to, d.end);
    spans.set(d.componentId, { from: Math.min(s?.from ?? d.start, d.start), to });
  }
  // An incident's end also ends the hand-set statuses set during it (rule 7): recompute from its change on.
  for (const [componentId, { from, to }] of spans) recomputeHistory(db, componentId, from, source === 'incident' ? null : to, now, `${source} ${sourceId}`);
}

/** Sets what a monitor verdict or an operator declares for a component from `now` on (null = nothing). */
export function declareFrom(db: Db, componentId: number, source: 'monitor' | 'manual', status: ComponentStatus | null, now: number): void {
  const open = db
    .select()
    .from(statusDeclarations)
    .where(and(eq(statusDeclarations.componentId, componentId), eq(statusDeclarations.source, source), isNull(statusDeclarations.endedAt)))
    .get();
  // A hand-set status may have ended with an incident while still stored open: setting it again declares afresh.
  if ((open?.status ?? null) === status && source === 'monitor') return;
  if (open === undefined && status === null) return;
  let from = now;
  if (open && open.startedAt >= now) {
    from = open.startedAt;
    db.delete(statusDeclarations).where(eq(statusDeclarations.id, open.id)).run();
  } else if (open) db.update(statusDeclarations).set({ endedAt: now }).where(eq(statusDeclarations.id, open.id)).run();
  if (status !== null) db.insert(statusDeclarations).values({ componentId, source, sourceId: null, status, startedAt: now, endedAt: null }).run();
  recomputeHistory(db, componentId, Math.min(from, now), null, now, source);
}

/** What an incident declares, from its updates (nothing while a draft or once deleted). */
export function declarationsOfIncident(db: Db, incidentId: number): SourceDeclaration[] {
  const inc = db.select().from(incidents).where(eq(incidents.id, incidentId)).get();
  if (!inc || inc.draft) return [];
  const ups = db.select({ id: incidentUpdates.id, status: incidentUpdates.status, displayAt: incidentUpdates.displayAt }).from(incidentUpdates).where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.kind, 'update'))).orderBy(asc(incidentUpdates.displayAt), asc(incidentUpdates.id)).all();
  const rows = db
    .select({ updateId: incidentUpdateComponents.updateId, componentId: incidentUpdateComponents.componentId, status: incidentUpdateComponents.declaredStatus })
    .from(incidentUpdateComponents)
    .innerJoin(incidentUpdates, eq(incidentUpdates.id, incidentUpdateComponents.updateId))
    .where(and(eq(incidentUpdates.incidentId, incidentId), isNotNull(incidentUpdateComponents.declaredStatus)))
    .all();
  const updates: DeclaringUpdate[] = ups.map((u) => ({ ...u, declared: new Map(rows.filter((r) => r.updateId === u.id).map((r) => [r.componentId, r.status!])) }));
  return incidentDeclarations(inc.startedAt, updates);
}

/** Re-derives an incident's declarations and recomputes the history they changed. */
export function syncIncident(db: Db, incidentId: number, now: number): void {
  replaceDeclarations(db, 'incident', incidentId, declarationsOfIncident(db, incidentId), now);
}

/** What a maintenance window declares: under_maintenance on its components over its real span. */
export function declarationsOfMaintenance(db: Db, maintenanceId: number): SourceDeclaration[] {
  const m = db.select().from(maintenances).where(eq(maintenances.id, maintenanceId)).get();
  const span = m ? maintenanceDeclaredSpan(m) : null;
  if (!span) return [];
  const ids = db.select({ id: maintenanceComponents.componentId }).from(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, maintenanceId)).all();
  return ids.map(({ id }) => ({ componentId: id, status: 'under_maintenance' as const, start: span.start, end: span.end }));
}

/** Re-derives a maintenance window's declarations and recomputes the history they changed. */
export function syncMaintenance(db: Db, maintenanceId: number, now: number): void {
  replaceDeclarations(db, 'maintenance', maintenanceId, declarationsOfMaintenance(db, maintenanceId), now);
}
