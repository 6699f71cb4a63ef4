/** Incidents and scheduled maintenances through Statuspage's management API; every write is one of our verbs. */
import { managementRows } from '../queries/statuspage';
import { spBoolean } from '../../domain/statuspage-write';
import { authorize } from '../auth/permissions';
import { BadRequestError, NotFoundError, ValidationError } from '../errors';
import { listComponentsForOperator } from '../features/components/queries';
import { getIncidentForOperator, getIncidentRow, listIncidentsForOperator } from '../features/incidents/queries';
import { createIncident, deleteIncident, editIncident, postIncidentUpdate } from '../features/incidents/verbs';
import {
  cancelMaintenance,
  completeMaintenance,
  createMaintenance,
  extendMaintenance,
  startMaintenance,
} from '../features/maintenance/verbs';
import { withTransaction, type VerbContext } from '../features/verb';
import { intParam, QueryError } from '../http/query';
import { listGroups, listMaintenancesAdmin } from '../queries/admin';
import { loadMaintenances } from '../queries/public';
import { readSpBody } from './body';
import {
  bodyOr,
  incidentCreateInput,
  INCIDENT_FIELDS,
  listOf,
  maintenanceCreateInput,
  refuseUnsupported,
  statusMap,
} from './incident-input';
import { parseSpId, requireSpId } from './ids';
import type { SpPageRef } from './page';
import { incidentJson, maintenanceJson, spView, type SpView } from './views';

function viewOf(ctx: VerbContext, page: SpPageRef): SpView {
  return spView(page, listGroups(ctx.db), listComponentsForOperator(ctx));
}

function oneIncident(ctx: VerbContext, view: SpView, id: number) {
  const row = getIncidentRow(ctx, id);
  return incidentJson(view, getIncidentForOperator(ctx, id), row.draft, row.postmortemMd);
}

function oneMaintenance(ctx: VerbContext, view: SpView, id: number) {
  authorize(ctx.actor, 'admin.open');
  const row = managementRows.maintenance(ctx.db, id);
  if (!row) throw new NotFoundError('The requested resource could not be found.');
  return maintenanceJson(view, loadMaintenances(ctx.db, [row])[0]);
}

/** GET …/incidents/{id}: an incident, or a maintenance window (`m<id>`). */
export function getSpIncident(ctx: VerbContext, page: SpPageRef, rawId: string) {
  const view = viewOf(ctx, page);
  const m = parseSpId('maintenance', rawId);
  return m !== null ? oneMaintenance(ctx, view, m) : oneIncident(ctx, view, requireSpId('incident', rawId));
}

/** A query parameter as a whole number, or a 400 (never a 500). */
function queryInt(search: URLSearchParams, name: string, fallback: number, max?: number): number {
  try {
    return intParam(search, name, fallback, max);
  } catch (err) {
    if (err instanceof QueryError) throw new BadRequestError(err.message);
    throw err;
  }
}

/** GET …/incidents with Statuspage's `q`, `limit` (at most 100) and `page`; `unresolved` for …/incidents/unresolved. */
export function listSpIncidents(ctx: VerbContext, page: SpPageRef, search: URLSearchParams, unresolved = false) {
  const view = viewOf(ctx, page);
  const rows = listIncidentsForOperator(ctx, {
    q: search.get('q'),
    unresolved,
    limit: queryInt(search, 'limit', 100, 100),
    page: queryInt(search, 'page', 1),
  });
  return rows.map((i) => incidentJson(view, i, false, null));
}

const MAINTENANCE_LISTS = {
  upcoming: ['scheduled'],
  scheduled: ['scheduled'],
  active_maintenance: ['in_progress', 'verifying'],
} as const;

/** GET …/incidents/upcoming, /scheduled, /active_maintenance: our maintenance windows. */
export function listSpMaintenances(ctx: VerbContext, page: SpPageRef, which: keyof typeof MAINTENANCE_LISTS) {
  const view = viewOf(ctx, page);
  authorize(ctx.actor, 'admin.open');
  const rows = listMaintenancesAdmin(ctx.db).filter((m) =>
    (MAINTENANCE_LISTS[which] as readonly string[]).includes(m.status),
  );
  return loadMaintenances(ctx.db, rows).map((m) => maintenanceJson(view, m));
}

/** Component ids the incident names beyond those it sets a status for (Statuspage's `component_ids`). */
function affectedList(body: Record<string, unknown>, currentIds: string[]): string[] | undefined {
  const ids = listOf(body.component_ids);
  if (ids === undefined) return undefined;
  const set = statusMap(body.components);
  return [...new Set([...currentIds, ...ids.map(String), ...(set && typeof set === 'object' ? Object.keys(set) : [])])];
}

export async function createSpIncident(ctx: VerbContext, page: SpPageRef, request: Request) {
  const body = await readSpBody(request, 'incident', INCIDENT_FIELDS);
  refuseUnsupported(body);
  if (body.scheduled_for !== undefined || body.scheduled_until !== undefined)
    return createSpMaintenance(ctx, page, body);
  const id = withTransaction(ctx, () => {
    const created = createIncident(ctx, incidentCreateInput(body));
    const list = affectedList(body, []);
    if (list) editIncident(ctx, { incident_id: created.id, components: list });
    return created.id;
  });
  return oneIncident(ctx, viewOf(ctx, page), id);
}

function createSpMaintenance(ctx: VerbContext, page: SpPageRef, body: Record<string, unknown>) {
  const status = body.status ?? 'scheduled';
  if (status !== 'scheduled' && status !== 'in_progress')
    throw new ValidationError('The request is invalid.', {
      'incident.status': 'A scheduled incident starts as scheduled or in_progress.',
    });
  const id = withTransaction(ctx, () => {
    const m = createMaintenance(ctx, maintenanceCreateInput(body));
    if (status === 'in_progress') startMaintenance(ctx, { maintenance_id: m.id });
    return m.id;
  });
  return oneMaintenance(ctx, viewOf(ctx, page), id);
}

/** PATCH/PUT …/incidents/{id}: name, impact and components edit it; a status, message or component statuses post an update. All or nothing. */
export async function updateSpIncident(ctx: VerbContext, page: SpPageRef, rawId: string, request: Request) {
  const body = await readSpBody(request, 'incident', INCIDENT_FIELDS);
  refuseUnsupported(body);
  const m = parseSpId('maintenance', rawId);
  if (m !== null) return updateSpMaintenance(ctx, page, m, body);
  const id = requireSpId('incident', rawId);
  const current = getIncidentForOperator(ctx, id);
  const list = affectedList(
    body,
    current.components.map((c) => String(c.id)),
  );
  const editing = body.name !== undefined || body.impact_override !== undefined || list !== undefined;
  const updating = body.status !== undefined || body.body !== undefined || body.components !== undefined;
  if (spBoolean(body.backfilled) === true || body.backfill_date !== undefined)
    throw new ValidationError('The request is invalid.', {
      'incident.backfilled': 'Only a new incident can be backfilled.',
    });
  withTransaction(ctx, () => {
    if (editing)
      editIncident(ctx, { incident_id: id, name: body.name, impact: body.impact_override, components: list });
    const status = body.status ?? current.status;
    if (updating)
      postIncidentUpdate(ctx, {
        incident_id: id,
        status,
        body: bodyOr(body.body, status),
        components: statusMap(body.components),
        deliver_notifications: body.deliver_notifications,
      });
  });
  return oneIncident(ctx, viewOf(ctx, page), id);
}

/** A window's status moves (in_progress starts it, completed ends it) and its end moves; nothing else changes a window here. */
function updateSpMaintenance(ctx: VerbContext, page: SpPageRef, id: number, body: Record<string, unknown>) {
  const other = Object.keys(body).filter(
    (k) =>
      ![
        'status',
        'scheduled_until',
        'deliver_notifications',
        'scheduled_auto_in_progress',
        'scheduled_auto_completed',
      ].includes(k),
  );
  if (other.length)
    throw new ValidationError(
      'The request asks for something this server does not support.',
      Object.fromEntries(
        other.map((k) => [`incident.${k}`, 'A maintenance window here changes only its status and its end.']),
      ),
    );
  withTransaction(ctx, () => {
    if (body.scheduled_until !== undefined)
      extendMaintenance(ctx, { maintenance_id: id, scheduled_until: body.scheduled_until });
    if (body.status === 'in_progress') startMaintenance(ctx, { maintenance_id: id });
    else if (body.status === 'completed') completeMaintenance(ctx, { maintenance_id: id });
    else if (body.status !== undefined && body.status !== 'scheduled')
      throw new ValidationError('The request is invalid.', { 'incident.status': 'Send in_progress or completed.' });
  });
  return oneMaintenance(ctx, viewOf(ctx, page), id);
}

/** DELETE …/incidents/{id}: answers the record as it was (Statuspage's 200); a window is cancelled, an incident deleted. */
export function deleteSpIncident(ctx: VerbContext, page: SpPageRef, rawId: string) {
  const before = getSpIncident(ctx, page, rawId);
  const m = parseSpId('maintenance', rawId);
  if (m !== null) cancelMaintenance(ctx, { maintenance_id: m });
  else deleteIncident(ctx, { incident_id: requireSpId('incident', rawId), confirm: 'delete' });
  return before;
}
