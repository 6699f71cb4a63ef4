/** A window's details edited before it starts, and progress updates posted while it runs. */
// Decision: docs/decisions/013-maintenance-windows-and-cancellation.md
import { eq } from 'drizzle-orm';
import { maintenanceComponents, maintenances, maintenanceUpdates } from '../../../db/schema';
import { tx, type Db } from '../db';
import { ValidationError } from '../errors';
import type { Actor } from './actor';
import { recordAudit, recordChange } from './journal';
import { requireComponentForField, requireMaintenance, requireStage, type MaintenanceInput, type MaintenanceRow } from './maintenance';

export type MaintenanceUpdateRow = typeof maintenanceUpdates.$inferSelect;

/** Any field of a window that has not started (absent ones kept); subscribers hear of it only when `notify` is set. */
export function editMaintenance(db: Db, id: number, edit: Partial<MaintenanceInput>, actor: Actor, now: number): MaintenanceRow {
  return tx(db, () => {
    const m = requireMaintenance(db, id);
    requireStage(m, now, 'edit', 'Only a window that has not started can be edited; post a progress update instead.');
    const before = { ...m, components: componentIdsOf(db, id) };
    const input = { title: edit.title ?? m.title, body: edit.body ?? m.body, scheduledFor: edit.scheduledFor ?? m.scheduledFor, scheduledUntil: edit.scheduledUntil ?? m.scheduledUntil, components: edit.components ?? before.components, notify: edit.notify, remindPriorMinutes: edit.remindPriorMinutes };
    if (input.scheduledUntil <= input.scheduledFor) throw new ValidationError('The window must end after it starts.', { scheduled_until: 'Must be after the start.' });
    if (input.scheduledFor <= now) throw new ValidationError('The new start must be in the future.', { scheduled_for: 'Must be in the future; use "Start now" to begin early.' });
    const ids = [...new Set(input.components.map((c) => requireComponentForField(db, c)))];
    const moved = input.scheduledFor !== m.scheduledFor;
    const remind = input.remindPriorMinutes === undefined || input.remindPriorMinutes === null ? m.remindPriorMinutes : input.remindPriorMinutes === 0 ? null : input.remindPriorMinutes;
    // A reminder already sent announced the old start: a moved window gets a fresh one.
    const after = db
      .update(maintenances)
      .set({ title: input.title, body: input.body, scheduledFor: input.scheduledFor, scheduledUntil: input.scheduledUntil, remindPriorMinutes: remind, remindedAt: moved ? null : m.remindedAt, updatedAt: now })
      .where(eq(maintenances.id, id))
      .returning()
      .get();
    db.delete(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, id)).run();
    for (const c of ids) db.insert(maintenanceComponents).values({ maintenanceId: id, componentId: c }).run();
    recordAudit(db, now, actor, 'maintenance.edit', 'maintenance', id, { before, after: { ...after, components: ids } });
    recordChange(db, now, 'maintenance.updated', 'maintenance', id, { edited: true, notify: input.notify === true });
    return after;
  });
}

export interface MaintenanceUpdateInput {
  body: string;
  notify: boolean;
  /** The rendered form's token: a double submit posts once. */
  formToken?: string | null;
}

/** A progress note on a running window; a repeated form token returns the first one. */
export function postMaintenanceUpdate(db: Db, id: number, input: MaintenanceUpdateInput, actor: Actor, now: number): MaintenanceUpdateRow {
  return tx(db, () => {
    if (input.formToken) {
      const dup = db.select().from(maintenanceUpdates).where(eq(maintenanceUpdates.formToken, input.formToken)).get();
      if (dup) return dup;
    }
    const m = requireMaintenance(db, id);
    requireStage(m, now, 'update', 'Progress updates are for a window in progress.');
    const row = db.insert(maintenanceUpdates).values({ maintenanceId: id, body: input.body, author: actor.name, formToken: input.formToken ?? null, createdAt: now }).returning().get();
    db.update(maintenances).set({ updatedAt: now }).where(eq(maintenances.id, id)).run();
    recordAudit(db, now, actor, 'maintenance.update', 'maintenance', id, { after: { update_id: row.id, body: input.body } });
    recordChange(db, now, 'maintenance.updated', 'maintenance', id, { update_id: row.id, notify: input.notify });
    return row;
  });
}

/** A window's progress updates, oldest first. */
export function listMaintenanceUpdates(db: Db, id: number): MaintenanceUpdateRow[] {
  return db.select().from(maintenanceUpdates).where(eq(maintenanceUpdates.maintenanceId, id)).orderBy(maintenanceUpdates.createdAt, maintenanceUpdates.id).all();
}

function componentIdsOf(db: Db, id: number): number[] {
  return db.select({ id: maintenanceComponents.componentId }).from(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, id)).all().map((r) => r.id);
}
