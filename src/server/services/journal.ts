/** The change log (drives caches, live updates, webhooks) and the append-only audit log. */
import { auditLog, changeLog } from '../../../db/schema';
import { tx, type Db } from '../db';
import { noteLocalChange } from '../changes';
import type { Actor } from './actor';
import { reviseForChange } from './sla-revisions';

export type ChangeKind =
  | 'component.status'
  | 'component.updated'
  | 'incident.created'
  | 'incident.updated'
  | 'incident.resolved'
  | 'incident.deleted'
  | 'maintenance.created'
  | 'maintenance.updated'
  | 'maintenance.started'
  | 'maintenance.ended'
  | 'maintenance.reminder'
  | 'postmortem.published'
  | 'settings.updated'
  | 'page.updated'
  | 'clock.day'
  | 'viewerAccess.updated';

/** Appends to the change log and revises the closed SLA months the change touches; call inside the write's transaction. */
export function recordChange(db: Db, at: number, kind: ChangeKind, entity: string, entityId: string | number | null, payload?: unknown): number {
  const row = db
    .insert(changeLog)
    .values({ at, kind, entity, entityId: entityId === null ? null : String(entityId), payload: payload === undefined ? null : JSON.stringify(payload) })
    .returning({ id: changeLog.id })
    .get();
  // A closed SLA month whose facts this change moved is recomputed now, in the writer's transaction.
  reviseForChange(db, { kind, entity, entityId: entityId === null ? null : String(entityId), payload: payload === undefined ? null : JSON.stringify(payload) }, at);
  noteLocalChange(row.id);
  return row.id;
}

/** Appends an audit entry; before/after are stored as JSON. */
export function recordAudit(
  db: Db,
  at: number,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | number | null,
  detail: { before?: unknown; after?: unknown; note?: string } = {},
): void {
  // Verbs refuse anonymous actors before they get here; an anonymous audit row would be a bug upstream.
  if (actor.type === 'anonymous') throw new Error(`Refusing to audit ${action} by an anonymous actor.`);
  db.insert(auditLog)
    .values({
      at,
      actorType: actor.type,
      actorName: actor.name,
      action,
      entity,
      entityId: entityId === null ? null : String(entityId),
      before: detail.before === undefined ? null : JSON.stringify(detail.before),
      after: detail.after === undefined ? null : JSON.stringify(detail.after),
      ip: actor.ip ?? null,
      note: detail.note ?? null,
    })
    .run();
}

/** The clock's mark that a UTC day began (caches keyed by day drop then); its own small transaction. */
export function markDayBoundary(db: Db, now: number, day: number): void {
  tx(db, () => recordChange(db, now, 'clock.day', 'clock', day));
}
