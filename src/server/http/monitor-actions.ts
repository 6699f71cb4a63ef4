/** The POST actions of an admin monitor page, dispatched in one place so the route stays thin. */
import type { Db } from '../db';
import { runProbe, type ProbeResult } from '../monitor/probe';
import type { Actor } from '../services/actor';
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

/** Runs save / pause / resume / delete / test / publish-incident for monitor `id`. */
export async function runMonitorAction(db: Db, id: number, fd: FormData, actor: Actor, now: number): Promise<MonitorActionResult> {
  switch (fd.get('action')) {
    case 'delete':
      deleteMonitor(db, id, actor, now);
      return { redirect: '/admin/monitors?deleted=1' };
    case 'pause':
    case 'resume':
      setMonitorPaused(db, id, fd.get('action') === 'pause', actor, now);
      return {};
    case 'publish-incident': {
      const incidentId = Number(fd.get('incident_id'));
      if (!Number.isInteger(incidentId) || incidentId <= 0) return {};
      publishIncident(db, incidentId, actor, now);
      return { redirect: `/admin/monitors/${id}?published=${incidentId}` };
    }
    case 'test':
      return { tested: await runProbe(requireMonitor(db, id)) };
    case 'save': {
      const form = parseMonitorForm(fd);
      if (!form.data) return { form };
      try {
        updateMonitor(db, id, form.data, actor, now);
        return { redirect: `/admin/monitors/${id}?saved=1` };
      } catch (err) {
        return { form: monitorFormFailure(form, err) };
      }
    }
    default:
      return {};
  }
}
