/**
 * What /api/v1's resource routes answer, as zod schemas: the views in http/api-views.ts are typed by them and the
 * OpenAPI description is generated from them, so the document, the types and the answers are one thing.
 */
import { z } from 'zod';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '../../domain/enums';
import { MAINTENANCE_POLICIES } from '../../domain/maintenance-allowance';

const iso = z.iso.datetime();
const isoOrNull = iso.nullable();
const ref = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

export const ComponentJson = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(COMPONENT_STATUSES),
  /** True when no operator has set a status by hand (monitors and incidents decide). */
  automatic: z.boolean(),
  group_id: z.number().int().nullable(),
  position: z.number().int(),
  target: z.number().nullable(),
  visible: z.boolean(),
  showcase: z.boolean(),
  only_show_if_degraded: z.boolean(),
  start_date: isoOrNull,
  created_at: isoOrNull,
  updated_at: isoOrNull,
});

const IncidentUpdateJson = z.object({
  id: z.number().int(),
  status: z.enum(INCIDENT_STATUSES),
  body: z.string(),
  display_at: isoOrNull,
  created_at: isoOrNull,
  updated_at: isoOrNull,
  affected_components: z.array(z.object({ code: z.number().int(), name: z.string(), old_status: z.enum(COMPONENT_STATUSES).nullable(), new_status: z.enum(COMPONENT_STATUSES).nullable() })),
});

export const IncidentJson = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(IMPACTS),
  draft: z.boolean(),
  started_at: isoOrNull,
  created_at: isoOrNull,
  backfilled: z.boolean(),
  excluded_from_sla: z.boolean(),
  exclusion_reason: z.string().nullable(),
  updated_at: isoOrNull,
  resolved_at: isoOrNull,
  shortlink: z.string(),
  components: z.array(ref),
  incident_updates: z.array(IncidentUpdateJson),
  postmortem_body: z.string().nullable(),
  postmortem_published_at: isoOrNull,
});

/** POST /api/v1/incidents/{id}/updates: the new update, with the incident as it now stands. */
export const IncidentUpdateCreatedJson = IncidentUpdateJson.extend({ incident: IncidentJson });

export const MaintenanceJson = z.object({
  id: z.number().int(),
  name: z.string(),
  body: z.string(),
  status: z.enum(MAINTENANCE_STATUSES),
  scheduled_for: iso,
  scheduled_until: iso,
  started_at: isoOrNull,
  completed_at: isoOrNull,
  components: z.array(ref),
});

export const SlaSettingsJson = z.object({
  credit_tiers: z.array(z.object({ below: z.number(), at_least: z.number(), credit_percent: z.number() })),
  maintenance_allowance_minutes: z.number().int(),
  /** `exclude_all` scheduled maintenance, or `count_excess` over the allowance as downtime. */
  maintenance_policy: z.enum(MAINTENANCE_POLICIES),
  first_response_targets: z.object({ critical: z.number().int(), major: z.number().int(), minor: z.number().int() }),
  resolve_targets: z.object({ critical: z.number().int(), major: z.number().int(), minor: z.number().int() }),
  time_zone: z.string(),
  sla_public: z.boolean(),
});

/** A verb's answer: the row it wrote or read in the API's style (snake_case, ISO times), or `{ ok: true }`. */
export const VerbResultJson = z.union([z.object({ ok: z.literal(true) }), z.record(z.string(), z.unknown()), z.array(z.unknown())]);
