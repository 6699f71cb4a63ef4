/**
 * One-time conversion of a database written before declarations existed (issue 11): each source's declarations
 * are derived from the incidents, maintenance windows, the audit log (operator statuses) and the old intervals
 * (monitor verdicts), then the history is rebuilt from them. Idempotent; runs at start-up after migrations.
 */
// Decision: docs/decisions/003-status-history-derived-from-declarations.md
import { and, asc, eq, ne } from 'drizzle-orm';
import { auditLog, components, incidentComponents, incidentUpdateComponents, incidentUpdates, incidents, maintenances, settings, statusDeclarations, statusIntervals } from '../../../db/schema';
import { COMPONENT_STATUSES, type ComponentStatus, type DeclarationSource } from '../../domain/enums';
import { HISTORY_MODEL_KEY, type Db } from '../db';
import { declarationsOfIncident, declarationsOfMaintenance } from './declarations';
import { invalidateSla } from './sla';
import { rebuildHistory } from './status-core';

const MARKER = HISTORY_MODEL_KEY;
const isStatus = (s: unknown): s is ComponentStatus => typeof s === 'string' && (COMPONENT_STATUSES as readonly string[]).includes(s);

interface Row {
  componentId: number;
  source: DeclarationSource;
  sourceId: number | null;
  status: ComponentStatus;
  startedAt: number;
  endedAt: number | null;
}

/** Turns a per-component sequence of "status from t" events into declarations (null = nothing declared). */
function runs(componentId: number, source: 'manual' | 'monitor', events: { at: number; status: ComponentStatus | null }[], end: number | null): Row[] {
  const out: Row[] = [];
  events.forEach((e, i) => {
    const until = i + 1 < events.length ? events[i + 1].at : end;
    if (e.status !== null && (until === null || until > e.at)) out.push({ componentId, source, sourceId: null, status: e.status, startedAt: e.at, endedAt: until });
  });
  return out;
}

/** Operator statuses, from the audit trail of setComponentStatus. */
function manualRows(db: Db): Row[] {
  const entries = db.select().from(auditLog).where(eq(auditLog.action, 'component.status')).orderBy(asc(auditLog.at), asc(auditLog.id)).all();
  const byComponent = new Map<number, { at: number; status: ComponentStatus | null }[]>();
  for (const e of entries) {
    let status: ComponentStatus | null;
    try {
      const after = JSON.parse(e.after ?? '{}') as { manual_status?: unknown };
      status = isStatus(after.manual_status) ? after.manual_status : null;
    } catch {
      continue;
    }
    const id = Number(e.entityId);
    byComponent.set(id, [...(byComponent.get(id) ?? []), { at: e.at, status }]);
  }
  return [...byComponent].flatMap(([id, events]) => runs(id, 'manual', events, null));
}

/** Monitor verdicts: each old monitor interval starts a verdict that lasts until the next one (the last one until now while the verdict stands). */
function monitorRows(db: Db, now: number): Row[] {
  const out: Row[] = [];
  for (const c of db.select({ id: components.id, monitorStatus: components.monitorStatus }).from(components).all()) {
    const ivs = db.select().from(statusIntervals).where(and(eq(statusIntervals.componentId, c.id), eq(statusIntervals.source, 'monitor'))).orderBy(asc(statusIntervals.startedAt)).all();
    if (ivs.length === 0) continue;
    const events = ivs.map((iv) => ({ at: iv.startedAt, status: iv.status === 'operational' || iv.status === 'under_maintenance' ? null : iv.status }));
    const last = ivs[ivs.length - 1];
    const stands = c.monitorStatus !== null && c.monitorStatus === events[events.length - 1].status;
    out.push(...runs(c.id, 'monitor', events, stands ? null : (last.endedAt ?? now)));
  }
  return out;
}

/** Old drafts recorded no statuses; publishing them used to declare major_outage on their components. */
function backfillDraftStatuses(db: Db): void {
  for (const d of db.select({ id: incidents.id }).from(incidents).where(eq(incidents.draft, true)).all()) {
    const first = db.select({ id: incidentUpdates.id }).from(incidentUpdates).where(eq(incidentUpdates.incidentId, d.id)).orderBy(asc(incidentUpdates.displayAt)).get();
    if (!first) continue;
    for (const { componentId } of db.select({ componentId: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, d.id)).all()) {
      db.insert(incidentUpdateComponents).values({ updateId: first.id, componentId, oldStatus: 'operational', newStatus: 'major_outage', declaredStatus: 'major_outage' }).onConflictDoNothing().run();
    }
  }
}

/** Converts the database once; returns whether it did anything. */
export function upgradeHistory(db: Db, now: number): boolean {
  return db.$client.transaction(() => {
    if (db.select().from(settings).where(eq(settings.key, MARKER)).get()) return false;
    const hasComponents = db.select({ id: components.id }).from(components).limit(1).get() !== undefined;
    const fresh = db.select({ id: statusDeclarations.id }).from(statusDeclarations).limit(1).get() === undefined;
    if (hasComponents && fresh) {
      // An update's declared status was the effective status it recorded; resolving updates only released.
      db.$client
        .prepare(`UPDATE incident_update_components SET declared_status = new_status WHERE declared_status IS NULL AND update_id IN (SELECT id FROM incident_updates WHERE status <> 'resolved')`)
        .run();
      backfillDraftStatuses(db);
      const rows: Row[] = [...manualRows(db), ...monitorRows(db, now)];
      for (const { id } of db.select({ id: incidents.id }).from(incidents).where(ne(incidents.draft, true)).all()) {
        rows.push(...declarationsOfIncident(db, id).map((d) => ({ componentId: d.componentId, source: 'incident' as const, sourceId: id, status: d.status, startedAt: d.start, endedAt: d.end })));
      }
      for (const { id } of db.select({ id: maintenances.id }).from(maintenances).all()) {
        rows.push(...declarationsOfMaintenance(db, id).map((d) => ({ componentId: d.componentId, source: 'maintenance' as const, sourceId: id, status: d.status, startedAt: d.start, endedAt: d.end })));
      }
      const existing = new Set(db.select({ id: components.id }).from(components).all().map((c) => c.id));
      for (const r of rows) if (existing.has(r.componentId)) db.insert(statusDeclarations).values(r).run();
      for (const id of existing) rebuildHistory(db, id, now);
      invalidateSla(db, null, 0, Date.UTC(9999, 11, 1), now, 'history rebuilt from declarations (upgrade to issue 11)');
    }
    db.insert(settings).values({ key: MARKER, value: JSON.stringify('declarations') }).run();
    return hasComponents && fresh;
  }).immediate();
}

