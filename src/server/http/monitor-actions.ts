/** The POST actions of an admin monitor page, dispatched in one place so the route stays thin. */
import { actorOf, requireAction } from '../auth/permissions';
import type { Db } from '../db';
import { runProbe, type ProbeResult } from '../monitor/probe';
import { targetPolicyOf } from '../net/target-policy';
import { getSettings } from '../queries/settings';
import { publishIncident } from '../services/incidents';
import { deleteMonitor, requireMonitor, setMonitorPaused, updateMonitor, type MonitorInput } from '../services/monitors';
import type { FormState } from './forms';
import { monitorFormFailure, parseMonitorForm } from './monitor-form';

export interface MonitorActionResult {
  redirect?: string;
  /** The edit form with errors (status 422). */
  form?: FormState<MonitorInput>;
  /** A "test now" result, shown and not recorded. */
  tested?: ProbeResult;
}

/** Form action → permission name (see ADMIN_ACTIONS): changing what a monitor reaches is for admins. */
const PERMISSION = new Map([
  ['save', 'monitor.edit'],
  ['delete', 'monitor.delete'],
  ['test', 'monitor.test'],
  ['pause', 'monitor.pause'],
  ['resume', 'monitor.resume'],
  ['publish-incident', 'incident.publish'],
]);

/** Runs save / pause / resume / delete / test / publish-incident for monitor `id`. */
export async function runMonitorAction(db: Db, id: number, fd: FormData, locals: App.Locals): Promise<MonitorActionResult> {
  const action = String(fd.get('action') ?? '');
  const permission = PERMISSION.get(action);
  if (!permission) return {};
  requireAction(locals, permission);
  const actor = actorOf(locals, locals.ip);
  const now = locals.now;
  switch (action) {
    case 'delete':
      deleteMonitor(db, id, actor, now);
      return { redirect: '/admin/monitors?deleted=1' };
    case 'pause':
    case 'resume':
      setMonitorPaused(db, id, action === 'pause', actor, now);
      return {};
    case 'publish-incident': {
      const incidentId = Number(fd.get('incident_id'));
      if (!Number.isInteger(incidentId) || incidentId <= 0) return {};
      publishIncident(db, incidentId, actor, now);
      return { redirect: `/admin/monitors/${id}?published=${incidentId}` };
    }
    case 'test':
      return { tested: await runProbe(requireMonitor(db, id), Date.now, targetPolicyOf(getSettings(db))) };
    default: {
      const form = parseMonitorForm(fd);
      if (!form.data) return { form };
      try {
        updateMonitor(db, id, form.data, actor, now);
        return { redirect: `/admin/monitors/${id}?saved=1` };
      } catch (err) {
        return { form: monitorFormFailure(form, err) };
      }
    }
  }
}
