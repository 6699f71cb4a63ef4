/** JSON Schemas of the webhook bodies (Statuspage's webhook shape); the worker tests validate real deliveries. */
import { COMPONENT_STATUSES, INDICATORS } from '../../domain/enums';
import { componentSchema, incidentSchema, maintenanceSchema } from './statuspage';

const time = { type: 'string', format: 'date-time' } as const;
const meta = {
  type: 'object',
  required: ['unsubscribe', 'documentation', 'event', 'change_id', 'generated_at'],
  additionalProperties: false,
  properties: { unsubscribe: { type: ['string', 'null'] }, documentation: { type: 'string' }, event: { type: 'string' }, change_id: { type: 'integer' }, generated_at: time },
} as const;
const page = {
  type: 'object',
  required: ['id', 'status_indicator', 'status_description'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, status_indicator: { enum: [...INDICATORS] }, status_description: { type: 'string' } },
} as const;

export const incidentWebhookSchema = {
  type: 'object',
  required: ['meta', 'page', 'incident'],
  additionalProperties: false,
  properties: { meta, page, incident: { oneOf: [incidentSchema, maintenanceSchema] } },
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
      required: ['id', 'created_at', 'new_status', 'old_status', 'component_id'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, created_at: time, new_status: { enum: [...COMPONENT_STATUSES] }, old_status: { enum: [...COMPONENT_STATUSES] }, component_id: { type: 'string' } },
    },
    component: componentSchema,
  },
} as const;
