/** JSON Schemas of the webhook bodies (Statuspage's webhook shape); the worker tests validate real deliveries. */
import { COMPONENT_STATUSES, INDICATORS } from '../../domain/enums';
import { componentSchema, incidentSchema, maintenanceSchema } from './statuspage';

const time = { type: 'string', format: 'date-time' } as const;
const meta = {
  type: 'object',
  required: ['unsubscribe', 'documentation', 'event', 'change_id', 'generated_at'],
  additionalProperties: false,
  properties: { unsubscribe: { type: 'string', format: 'uri' }, documentation: { type: 'string' }, event: { type: 'string' }, change_id: { type: 'integer' }, generated_at: time },
} as const;
const page = {
  type: 'object',
  required: ['id', 'status_indicator', 'status_description'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, status_indicator: { enum: [...INDICATORS] }, status_description: { type: 'string' } },
} as const;

const boolOrNull = { type: ['boolean', 'null'] } as const;
const timeOrNull = { anyOf: [time, { type: 'null' }] } as const;
/** Statuspage's webhook incident fields beyond the v2 API's: every one present, null where unknown. */
const WEBHOOK_INCIDENT_FIELDS = {
  backfilled: { type: 'boolean' },
  impact_override: { type: 'null' },
  scheduled_for: timeOrNull,
  scheduled_until: timeOrNull,
  scheduled_remind_prior: boolOrNull,
  scheduled_reminded_at: timeOrNull,
  scheduled_auto_in_progress: boolOrNull,
  scheduled_auto_completed: boolOrNull,
  postmortem_ignored: { type: 'boolean' },
  postmortem_body_last_updated_at: timeOrNull,
  postmortem_notified_subscribers: { type: 'boolean' },
  postmortem_notified_twitter: { type: 'boolean' },
} as const;

type ObjectSchema = { required: readonly string[]; properties: Record<string, unknown> } & Record<string, unknown>;

/** A v2 incident schema with the webhook fields, and affected_components a list (never null). */
function asWebhookIncident(schema: ObjectSchema) {
  const updates = schema.properties.incident_updates as { items: ObjectSchema };
  const affected = (updates.items.properties.affected_components as { anyOf: unknown[] }).anyOf[0];
  return {
    ...schema,
    required: [...new Set([...schema.required, ...Object.keys(WEBHOOK_INCIDENT_FIELDS)])],
    properties: {
      ...schema.properties,
      ...WEBHOOK_INCIDENT_FIELDS,
      incident_updates: { ...updates, items: { ...updates.items, properties: { ...updates.items.properties, affected_components: affected } } },
    },
  };
}

export const incidentWebhookSchema = {
  type: 'object',
  required: ['meta', 'page', 'incident'],
  additionalProperties: false,
  properties: { meta, page, incident: { oneOf: [asWebhookIncident(incidentSchema), asWebhookIncident(maintenanceSchema)] } },
} as const;

export const componentWebhookSchema = {
  type: 'object',
  required: ['meta', 'page', 'component_update', 'component'],
  additionalProperties: false,
  properties: {
    meta,
    page,
    component_update: {
      type: 'object',
      required: ['id', 'created_at', 'new_status', 'old_status', 'component_id', 'component_type'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, created_at: time, new_status: { enum: [...COMPONENT_STATUSES] }, old_status: { enum: [...COMPONENT_STATUSES] }, component_id: { type: 'string' }, component_type: { const: 'Component' } },
    },
    component: componentSchema,
  },
} as const;

/** The confirmation POST to a public subscriber (`meta.event` "subscription.confirm", `meta.change_id` 0). */
export const confirmWebhookSchema = {
  type: 'object',
  required: ['meta', 'page', 'confirm_url', 'signing_secret'],
  additionalProperties: false,
  properties: { meta: { ...meta, properties: { ...meta.properties, event: { const: 'subscription.confirm' } } }, page, confirm_url: { type: 'string', format: 'uri' }, signing_secret: { type: 'string', pattern: '^whsec_' } },
} as const;
