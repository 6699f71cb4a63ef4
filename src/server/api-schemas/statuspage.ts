/**
 * JSON Schemas (draft 2020-12 compatible subset) of the Statuspage v2 responses. Tests check both real Statuspage
 * responses (src/testing/fixtures/statuspage) and ours against them with ajv, so they describe Statuspage, not us.
 */
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, INDICATORS, MAINTENANCE_STATUSES } from '../../domain/enums';

const time = { type: 'string', format: 'date-time', pattern: '(Z|[+-]\\d{2}:\\d{2})$' } as const;
const timeOrNull = { anyOf: [time, { type: 'null' }] } as const;
const id = { type: 'string', minLength: 1 } as const;
const strict = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

const pageSchema = strict({ id, name: { type: 'string' }, url: { type: 'string', format: 'uri' }, time_zone: { type: 'string' }, updated_at: time });

const statusSchema = strict({ indicator: { enum: [...INDICATORS] }, description: { type: 'string' } });

export const componentSchema = {
  ...strict(
    {
      id,
      name: { type: 'string' },
      status: { enum: [...COMPONENT_STATUSES] },
      created_at: time,
      updated_at: time,
      position: { type: 'integer', minimum: 1 },
      description: { type: ['string', 'null'] },
      showcase: { type: 'boolean' },
      start_date: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
      group_id: { type: ['string', 'null'] },
      page_id: id,
      group: { type: 'boolean' },
      only_show_if_degraded: { type: 'boolean' },
      components: { type: 'array', items: id },
    },
    ['components'],
  ),
  // group rows list their children; component rows do not
  if: { properties: { group: { const: true } } },
  then: { required: ['components'], properties: { group_id: { type: 'null' } } },
  else: { not: { required: ['components'] } },
} as const;

const affectedSchema = strict({ code: id, name: { type: 'string' }, old_status: { enum: [...COMPONENT_STATUSES] }, new_status: { enum: [...COMPONENT_STATUSES] } });

const updateSchema = (statuses: readonly string[]) =>
  strict({
    id,
    status: { enum: [...statuses] },
    body: { type: 'string' },
    incident_id: id,
    created_at: time,
    updated_at: time,
    display_at: time,
    affected_components: { anyOf: [{ type: 'array', items: affectedSchema }, { type: 'null' }] },
    deliver_notifications: { type: 'boolean' },
    custom_tweet: { type: 'null' },
    tweet_id: { type: 'null' },
  });

const incidentCore = {
  id,
  name: { type: 'string' },
  created_at: time,
  updated_at: time,
  resolved_at: timeOrNull,
  shortlink: { type: 'string', format: 'uri' },
  started_at: time,
  page_id: id,
  components: { type: 'array', items: componentSchema },
};

const SP_INCIDENT_STATUSES = [...INCIDENT_STATUSES, 'postmortem'] as const;
/** v2 never lists a cancelled window, as Statuspage has no such status. */
const SP_MAINTENANCE_STATUSES = MAINTENANCE_STATUSES.filter((s) => s !== 'cancelled');

// Statuspage sends reminder_intervals on incidents (null, or a list such as "[3, 6, 12, 24]"); older pages omit it
export const incidentSchema = strict(
  {
    ...incidentCore,
    status: { enum: [...SP_INCIDENT_STATUSES] },
    impact: { enum: [...IMPACTS] },
    monitoring_at: timeOrNull,
    incident_updates: { type: 'array', minItems: 1, items: updateSchema(SP_INCIDENT_STATUSES) },
    reminder_intervals: { type: ['string', 'array', 'null'] },
  },
  ['reminder_intervals'],
);

export const maintenanceSchema = strict({
  ...incidentCore,
  status: { enum: SP_MAINTENANCE_STATUSES },
  impact: { const: 'maintenance' },
  monitoring_at: { type: 'null' },
  incident_updates: { type: 'array', minItems: 1, items: updateSchema(SP_MAINTENANCE_STATUSES) },
  scheduled_for: time,
  scheduled_until: time,
});

const statusResponseSchema = strict({ page: pageSchema, status: statusSchema });
const componentsResponseSchema = strict({ page: pageSchema, components: { type: 'array', items: componentSchema } });
const incidentsResponseSchema = strict({ page: pageSchema, incidents: { type: 'array', maxItems: 50, items: incidentSchema } });
const maintenancesResponseSchema = strict({ page: pageSchema, scheduled_maintenances: { type: 'array', maxItems: 50, items: maintenanceSchema } });
export const summaryResponseSchema = strict({
  page: pageSchema,
  components: { type: 'array', items: componentSchema },
  incidents: { type: 'array', items: incidentSchema },
  scheduled_maintenances: { type: 'array', items: maintenanceSchema },
  status: statusSchema,
});
export const errorResponseSchema = strict({ error: strict({ code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object' } }, ['fields']) });

/** Path under /api/v2 → the schema its response follows. */
export const V2_SCHEMAS = {
  'summary.json': summaryResponseSchema,
  'status.json': statusResponseSchema,
  'components.json': componentsResponseSchema,
  'incidents.json': incidentsResponseSchema,
  'incidents/unresolved.json': incidentsResponseSchema,
  'scheduled-maintenances.json': maintenancesResponseSchema,
  'scheduled-maintenances/upcoming.json': maintenancesResponseSchema,
  'scheduled-maintenances/active.json': maintenancesResponseSchema,
} as const;
