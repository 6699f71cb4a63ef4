/** Scheduled maintenance: create, start early, extend, complete early, cancel, and the clock's tick. */
// Decision: docs/decisions/013-maintenance-windows-and-cancellation.md
import { and, eq, inArray, lte, or } from 'drizzle-orm';
import { changeLog, mailOutbox, maintenanceComponents, maintenances } from '../../../db/schema';
import { ACTIVE_MAINTENANCE_STATUSES } from '../../domain/enums';
import { allowsMaintenanceAction, isActiveStatus, maintenanceStatusAt, type MaintenanceAction } from '../../domain/maintenance';
import { MAINTENANCE_STATUS_LABELS } from '../../domain/enums';
import { tx, type Db } from '../db';
import { ValidationError, NotFoundError } from '../errors';
import type { Actor } from './actor';
import { requireComponent } from './components';
import { recordAudit, recordChange } from './journal';
import { syncMaintenance } from './declarations';

export type MaintenanceRow = typeof maintenances.$inferSelect;

export interface MaintenanceInput {
  title: string;
  body: string;
  scheduledFor: number;
  scheduledUntil: number;
  components: (string | number)[];
  notify?: boolean;
  /** Reminder this many minutes before the start (default 60; 0 = none). */
  remindPriorMinutes?: number | null;
}

export function requireMaintenance(db: Db, id: number): MaintenanceRow {
  const m = db.select().from(maintenances).where(eq(maintenances.id, id)).get();
  if (!m) throw new NotFoundError(`No maintenance ${id}.`);
  return m;
}

/** Moves a window to the status the clock (or an operator) gives it; its declaration follows its real start and end. */
function transition(db: Db, m: MaintenanceRow, status: MaintenanceRow['status'], now: number, extra: Partial<MaintenanceRow> = {}): MaintenanceRow {
  const after = db.update(maintenances).set({ status, updatedAt: now, ...extra }).where(eq(maintenances.id, m.id)).returning().get();
  const wasActive = isActiveStatus(m.status);
  const isActive = isActiveStatus(status);
  if (wasActive !== isActive) {
    syncMaintenance(db, m.id, now);
    recordChange(db, now, isActive ? 'maintenance.started' : 'maintenance.ended', 'maintenance', m.id);
  } else {
    recordChange(db, now, 'maintenance.updated', 'maintenance', m.id);
  }
  return after;
}

/** Refuses an action the window's stage at `now` does not allow (src/domain/maintenance.ts decides). */
export function requireStage(m: MaintenanceRow, now: number, action: MaintenanceAction, message?: string): void {
  if (!allowsMaintenanceAction(m, now, action)) throw new ValidationError(message ?? `This window is ${MAINTENANCE_STATUS_LABELS[maintenanceStatusAt(m, now)].toLowerCase()}: it cannot be changed that way now.`);
}

export function createMaintenance(db: Db, input: MaintenanceInput, actor: Actor, now: number): MaintenanceRow {
  if (input.scheduledUntil <= input.scheduledFor) {
    throw new ValidationError('The window must end after it starts.', { scheduled_until: 'Must be after the start.' });
  }
  return tx(db, () => {
    const ids = input.components.map((c) => requireComponentForField(db, c));
    const m = db
      .insert(maintenances)
      .values({ title: input.title, body: input.body, scheduledFor: input.scheduledFor, scheduledUntil: input.scheduledUntil, notify: input.notify ?? true, remindPriorMinutes: input.remindPriorMinutes === 0 ? null : (input.remindPriorMinutes ?? 60), createdAt: now, updatedAt: now })
      .returning()
      .get();
    for (const id of new Set(ids)) db.insert(maintenanceComponents).values({ maintenanceId: m.id, componentId: id }).run();
    recordAudit(db, now, actor, 'maintenance.create', 'maintenance', m.id, { after: { ...m, components: ids }, note: input.scheduledFor < now ? 'backfilled or already started' : undefined });
    recordChange(db, now, 'maintenance.created', 'maintenance', m.id);
    const target = maintenanceStatusAt(m, now);
    if (target === 'completed') {
      // A past window (a backfill): it declares its whole span at once.
      const after = db.update(maintenances).set({ status: 'completed', startedAt: m.scheduledFor, completedAt: m.scheduledUntil, updatedAt: now }).where(eq(maintenances.id, m.id)).returning().get();
      syncMaintenance(db, m.id, now);
      recordChange(db, now, 'maintenance.started', 'maintenance', m.id);
      recordChange(db, now, 'maintenance.ended', 'maintenance', m.id);
      return after;
    }
    if (target === 'in_progress') return transition(db, m, 'in_progress', now, { startedAt: m.scheduledFor });
    return m;
  });
}

export function requireComponentForField(db: Db, idOrSlug: string | number): number {
  try {
    return requireComponent(db, idOrSlug).id;
  } catch {
    throw new ValidationError(`Unknown component "${idOrSlug}".`, { components: `Unknown component "${idOrSlug}".` });
  }
}

export function startMaintenanceNow(db: Db, id: number, actor: Actor, now: number): MaintenanceRow {
  return tx(db, () => {
    const m = requireMaintenance(db, id);
    requireStage(m, now, 'start', 'Only a scheduled window can be started.');
    recordAudit(db, now, actor, 'maintenance.start', 'maintenance', id);
    return transition(db, m, 'in_progress', now, { startedAt: now });
  });
}

export function completeMaintenanceNow(db: Db, id: number, actor: Actor, now: number): MaintenanceRow {
  return tx(db, () => {
    const m = requireMaintenance(db, id);
    requireStage(m, now, 'complete', m.status === 'scheduled' ? 'A window that has not started cannot be completed: cancel it instead.' : `A ${m.status} window cannot be completed.`);
    recordAudit(db, now, actor, 'maintenance.complete', 'maintenance', id);
    return transition(db, m, 'completed', now, { completedAt: now, startedAt: m.startedAt ?? (m.status === 'scheduled' ? null : m.scheduledFor) });
  });
}

export function extendMaintenance(db: Db, id: number, until: number, actor: Actor, now: number): MaintenanceRow {
  return tx(db, () => {
    const m = requireMaintenance(db, id);
    requireStage(m, now, 'extend', `A ${m.status} window cannot be extended.`);
    if (until <= Math.max(now, m.scheduledFor)) throw new ValidationError('The new end must be in the future.', { scheduled_until: 'Must be in the future.' });
    const after = db.update(maintenances).set({ scheduledUntil: until, updatedAt: now }).where(eq(maintenances.id, id)).returning().get();
    recordAudit(db, now, actor, 'maintenance.extend', 'maintenance', id, { before: { scheduled_until: m.scheduledUntil }, after: { scheduled_until: until } });
    recordChange(db, now, 'maintenance.updated', 'maintenance', id);
    return after;
  });
}

/** Calls a window off: it withdraws every declaration, so the history shows no maintenance for it at all. */
/** A reminder already in the outbox but not yet sent would announce a window that will not happen. */
function withdrawQueuedReminders(db: Db, id: number): void {
  const reminders = db.select({ id: changeLog.id }).from(changeLog).where(and(eq(changeLog.kind, 'maintenance.reminder'), eq(changeLog.entity, 'maintenance'), eq(changeLog.entityId, String(id)))).all();
  if (reminders.length === 0) return;
  db.update(mailOutbox)
    .set({ status: 'failed', lastError: 'The maintenance was cancelled before the reminder went out.' })
    .where(and(eq(mailOutbox.status, 'pending'), inArray(mailOutbox.event, reminders.map((r) => `change:${r.id}`))))
    .run();
}

export function cancelMaintenance(db: Db, id: number, actor: Actor, now: number): MaintenanceRow {
  return tx(db, () => {
    const m = requireMaintenance(db, id);
    requireStage(m, now, 'cancel', `A ${m.status} window cannot be cancelled.`);
    const after = db.update(maintenances).set({ status: 'cancelled', updatedAt: now }).where(eq(maintenances.id, id)).returning().get();
    syncMaintenance(db, id, now);
    recordAudit(db, now, actor, 'maintenance.cancel', 'maintenance', id, { before: { status: m.status }, after: { status: 'cancelled' } });
    // the payload tells the mail fan-out this update is the cancellation (webhooks send every update anyway)
    recordChange(db, now, 'maintenance.updated', 'maintenance', id, { cancelled: true });
    withdrawQueuedReminders(db, id);
    return after;
  });
}

/** Moves every window whose status the clock has changed; idempotent, safe to run from several processes. */
export function tickMaintenances(db: Db, now: number): number {
  const due = db
    .select()
    .from(maintenances)
    .where(or(and(eq(maintenances.status, 'scheduled'), lte(maintenances.scheduledFor, now)), and(inArray(maintenances.status, [...ACTIVE_MAINTENANCE_STATUSES]), lte(maintenances.scheduledUntil, now))))
    .all();
  let moved = 0;
  for (const stale of due) {
    tx(db, () => {
      const m = requireMaintenance(db, stale.id);
      const target = maintenanceStatusAt(m, now);
      if (target === m.status) return;
      if (target === 'in_progress') transition(db, m, 'in_progress', now, { startedAt: m.scheduledFor });
      else if (target === 'completed') {
        const cur = m.status === 'scheduled' ? transition(db, m, 'in_progress', now, { startedAt: m.scheduledFor }) : m;
        transition(db, cur, 'completed', now, { completedAt: m.scheduledUntil });
      }
      moved++;
    });
  }
  return moved;
}
