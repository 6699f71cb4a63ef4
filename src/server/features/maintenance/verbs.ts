/** Maintenance verbs: schedule a window, start or complete it early, move its end. */
import * as maintenance from '../../services/maintenance';
import { defineVerb } from '../verb';
import { MaintenanceCreate, MaintenanceExtend, MaintenanceRef } from './schemas';

export const createMaintenance = defineVerb('maintenance.create', 'maintenance.create', MaintenanceCreate, (ctx, d) =>
  maintenance.createMaintenance(ctx.db, { title: d.name, body: d.body, scheduledFor: d.scheduled_for!, scheduledUntil: d.scheduled_until!, components: d.components, notify: d.deliver_notifications && d.notify, remindPriorMinutes: d.scheduled_remind_prior }, ctx.actor, ctx.now),
);

export const startMaintenance = defineVerb('maintenance.start', 'maintenance.start', MaintenanceRef, (ctx, d) => maintenance.startMaintenanceNow(ctx.db, d.maintenance_id, ctx.actor, ctx.now));

export const completeMaintenance = defineVerb('maintenance.complete', 'maintenance.complete', MaintenanceRef, (ctx, d) => maintenance.completeMaintenanceNow(ctx.db, d.maintenance_id, ctx.actor, ctx.now));

export const extendMaintenance = defineVerb('maintenance.extend', 'maintenance.extend', MaintenanceExtend, (ctx, d) => maintenance.extendMaintenance(ctx.db, d.maintenance_id, d.scheduled_until!, ctx.actor, ctx.now));
