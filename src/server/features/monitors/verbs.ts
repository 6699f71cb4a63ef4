/** Monitor verbs: create, edit, pause, delete, and a test probe that records nothing. */
import { AppError } from '../../errors';
import { runProbe, type ProbeResult } from '../../monitor/probe';
import { targetPolicyOf } from '../../net/target-policy';
import { getSettings } from '../../queries/settings';
import * as monitors from '../../services/monitors';
import { defineVerb } from '../verb';
import { FIELD_OF, MonitorCreate, MonitorEdit, MonitorPause, MonitorRef } from './schemas';

/** The service names config keys (expectedStatus); the form's fields are expected_status. */
function withFormFields<R>(run: () => R): R {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    throw new AppError(err.status, err.code, err.message, Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [FIELD_OF[k] ?? k, v])));
  }
}

export const createMonitor = defineVerb('monitor.create', 'monitor.create', MonitorCreate, (ctx, d) => withFormFields(() => monitors.createMonitor(ctx.db, d, ctx.actor, ctx.now)));

export const editMonitor = defineVerb('monitor.edit', 'monitor.edit', MonitorEdit, (ctx, d) => withFormFields(() => monitors.updateMonitor(ctx.db, d.monitorId, d.input, ctx.actor, ctx.now)));

export const pauseMonitor = defineVerb('monitor.pause', 'monitor.pause', MonitorPause, (ctx, d) => monitors.setMonitorPaused(ctx.db, d.monitor_id, d.paused, ctx.actor, ctx.now));

export const deleteMonitor = defineVerb('monitor.delete', 'monitor.delete', MonitorRef, (ctx, d) => monitors.deleteMonitor(ctx.db, d.monitor_id, ctx.actor, ctx.now));

/** Probes the saved monitor once; the result is shown, not recorded. */
export const testMonitor = defineVerb('monitor.test', 'monitor.test', MonitorRef, (ctx, d): Promise<ProbeResult> => runProbe(monitors.requireMonitor(ctx.db, d.monitor_id), Date.now, targetPolicyOf(getSettings(ctx.db))));
