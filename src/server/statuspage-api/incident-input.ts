/** Statuspage's incident fields → the inputs of our incident and maintenance verbs (pure mapping, no I/O). */
import {
  INCIDENT_STATUS_LABELS,
  INCIDENT_STATUSES,
  type ComponentStatus,
  type IncidentStatus,
} from '../../domain/enums';
import { impactFromStatuses, spBoolean } from '../../domain/statuspage-write';
import { ValidationError } from '../errors';

/** Every field of Statuspage's incident create/update bodies that we read. */
export const INCIDENT_FIELDS = [
  'name',
  'status',
  'impact_override',
  'body',
  'components',
  'component_ids',
  'deliver_notifications',
  'backfilled',
  'backfill_date',
  'scheduled_for',
  'scheduled_until',
  'scheduled_remind_prior',
  'scheduled_auto_in_progress',
  'scheduled_auto_completed',
  'scheduled_auto_transition',
  'metadata',
  'auto_tweet_at_beginning',
  'auto_tweet_on_completion',
  'auto_tweet_on_creation',
  'auto_tweet_one_hour_before',
  'auto_transition_to_maintenance_state',
  'auto_transition_to_operational_state',
  'auto_transition_deliver_notifications_at_start',
  'auto_transition_deliver_notifications_at_end',
  'reminder_intervals',
] as const;

/** Twitter and state-automation options we do not have: refused when asked for, accepted when off. */
const OFF_ONLY = INCIDENT_FIELDS.slice(INCIDENT_FIELDS.indexOf('auto_tweet_at_beginning'));

type Body = Record<string, unknown>;

/** Refuses what we cannot honour, naming the field, so a client never believes it was done. */
export function refuseUnsupported(body: Body): void {
  const fields: Record<string, string> = {};
  for (const k of OFF_ONLY) {
    const v = k === 'reminder_intervals' ? body[k] : spBoolean(body[k]);
    if (v !== undefined && v !== false && v !== null && v !== '' && v !== '[]')
      fields[`incident.${k}`] = 'Not supported by this server (Twitter and automatic state changes are not available).';
  }
  const meta = body.metadata;
  if (meta !== undefined && meta !== null && !(typeof meta === 'object' && Object.keys(meta).length === 0))
    fields['incident.metadata'] = 'Not supported by this server: metadata is not stored.';
  if (Object.keys(fields).length)
    throw new ValidationError('The request asks for something this server does not support.', fields);
}

/** `{id: status}` without the blanks Statuspage allows ("" = leave as is). */
export function statusMap(v: unknown): unknown {
  if (v === undefined || typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, s]) => s !== ''));
}

/** A list field sent as one value or a list (form bodies send one value as a string). */
export function listOf(v: unknown): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : [v];
}

const isIncidentStatus = (s: unknown): s is IncidentStatus => (INCIDENT_STATUSES as readonly unknown[]).includes(s);

/** Statuspage allows an update without a message; our timeline needs one, so the status names itself. */
export function bodyOr(body: unknown, status: unknown): unknown {
  if (body !== undefined && body !== '') return body;
  return isIncidentStatus(status) ? `${INCIDENT_STATUS_LABELS[status]}.` : body;
}

/** A date alone (Statuspage's backfill_date, "YYYY-MM-DD" or "MM/DD/YYYY") as midnight UTC, else the value as sent. */
function backfillTime(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v.trim());
  if (us) return `${us[3]}-${us[1]}-${us[2]}T00:00:00Z`;
  return /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T00:00:00Z` : v;
}

/** The input of incident.create for a realtime or backfilled incident. */
export function incidentCreateInput(body: Body): Body {
  const components = statusMap(body.components);
  const backfilled = spBoolean(body.backfilled) === true;
  const status = backfilled ? 'resolved' : (body.status ?? 'investigating');
  const statuses = components && typeof components === 'object' ? (Object.values(components) as ComponentStatus[]) : [];
  const at = backfilled ? backfillTime(body.backfill_date) : undefined;
  if (backfilled && (statuses.length || listOf(body.component_ids)?.length))
    throw new ValidationError('The request is invalid.', {
      'incident.components': 'A backfilled incident cannot set components (as in Statuspage).',
    });
  if (backfilled && !at)
    throw new ValidationError('The request is invalid.', {
      'incident.backfill_date': 'A backfilled incident needs its date.',
    });
  return {
    name: body.name,
    status,
    impact: body.impact_override ?? impactFromStatuses(statuses),
    body: bodyOr(body.body, status),
    components: backfilled ? {} : components,
    started_at: at,
    display_at: at,
    // A backfilled incident is history: nobody is told (as Statuspage does).
    deliver_notifications: backfilled ? false : spBoolean(body.deliver_notifications),
  };
}

/** The input of maintenance.create for a scheduled incident. */
export function maintenanceCreateInput(body: Body): Body {
  const components = statusMap(body.components);
  const ids = [
    ...(listOf(body.component_ids) ?? []),
    ...(components && typeof components === 'object' ? Object.keys(components) : []),
  ];
  return {
    name: body.name,
    body: body.body ?? '',
    scheduled_for: body.scheduled_for,
    scheduled_until: body.scheduled_until,
    components: [...new Set(ids.map(String))],
    deliver_notifications: spBoolean(body.deliver_notifications),
    // Statuspage's flag reminds 60 minutes before; ours takes the minutes.
    scheduled_remind_prior: spBoolean(body.scheduled_remind_prior) === true ? 60 : 0,
  };
}
