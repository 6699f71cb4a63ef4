/** Maintenance verbs: schedule a window, edit it before it starts, post progress, start or complete it early, move its end, cancel it. */
import { MS_PER_DAY } from '../../../domain/constants';
import * as maintenance from '../../services/maintenance';
import * as changes from '../../services/maintenance-changes';
import { ValidationError } from '../../errors';
import { defineVerb } from '../verb';
import { MaintenanceCreate, MaintenanceEdit, MaintenanceExtend, MaintenanceRef, MaintenanceUpdatePost } from './schemas';

const WEEK_MS = 7 * MS_PER_DAY;

/** Why a window needs the operator's confirmation, or null. */
function unusualWindow(from: number, until: number, now: number): string | null {
  if (until <= now) return 'This window is entirely in the past. Tick the box to record it anyway.';
  if (from < now - 60_000) return 'This window started in the past. Tick the box to start it already in progress.';
  if (until - from > WEEK_MS) return 'This window is longer than a week. Tick the box if that is intended.';
  return null;
}

export const createMaintenance = defineVerb('maintenance.create', 'maintenance.create', MaintenanceCreate, (ctx, d) => {
  const unusual = d.confirm_window === false ? unusualWindow(d.scheduled_for, d.scheduled_until, ctx.now) : null;
  if (unusual) throw new ValidationError('Please confirm this maintenance window.', { confirm_window: unusual });
  return maintenance.createMaintenance(ctx.db, { title: d.name, body: d.body, scheduledFor: d.scheduled_for, scheduledUntil: d.scheduled_until, components: d.components, notify: d.deliver_notifications && d.notify, remindPriorMinutes: d.scheduled_remind_prior }, ctx.actor, ctx.now);
});

export const startMaintenance = defineVerb('maintenance.start', 'maintenance.start', MaintenanceRef, (ctx, d) => maintenance.startMaintenanceNow(ctx.db, d.maintenance_id, ctx.actor, ctx.now));

export const completeMaintenance = defineVerb('maintenance.complete', 'maintenance.complete', MaintenanceRef, (ctx, d) => maintenance.completeMaintenanceNow(ctx.db, d.maintenance_id, ctx.actor, ctx.now));

export const extendMaintenance = defineVerb('maintenance.extend', 'maintenance.extend', MaintenanceExtend, (ctx, d) => maintenance.extendMaintenance(ctx.db, d.maintenance_id, d.scheduled_until, ctx.actor, ctx.now));

export const cancelMaintenance = defineVerb('maintenance.cancel', 'maintenance.cancel', MaintenanceRef, (ctx, d) => maintenance.cancelMaintenance(ctx.db, d.maintenance_id, ctx.actor, ctx.now));

export const editMaintenance = defineVerb('maintenance.edit', 'maintenance.edit', MaintenanceEdit, (ctx, d) =>
  changes.editMaintenance(ctx.db, d.maintenance_id, { title: d.name, body: d.body, scheduledFor: d.scheduled_for, scheduledUntil: d.scheduled_until, components: d.components, notify: d.deliver_notifications || d.notify, remindPriorMinutes: d.scheduled_remind_prior }, ctx.actor, ctx.now),
);

export const postMaintenanceUpdate = defineVerb('maintenance.update', 'maintenance.update', MaintenanceUpdatePost, (ctx, d) =>
  changes.postMaintenanceUpdate(ctx.db, d.maintenance_id, { body: d.body, notify: d.deliver_notifications, formToken: d.idempotency_key }, ctx.actor, ctx.now),
);
