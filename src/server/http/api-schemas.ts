/** zod schemas of the write API bodies (field names follow Statuspage's). */
import { z } from 'zod';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES } from '../../domain/enums';
import { isoTime, pastTime } from './api-input';

const componentMap = z.record(z.string().min(1).max(100), z.enum(COMPONENT_STATUSES));

export const incidentCreateBody = (now: number) =>
  z.strictObject({
    name: z.string().trim().min(1).max(200),
    status: z.enum(INCIDENT_STATUSES),
    impact: z.enum(IMPACTS),
    body: z.string().trim().min(1).max(20_000),
    components: componentMap.default({}),
    started_at: pastTime(now).nullish(),
    display_at: pastTime(now).nullish(),
    draft: z.boolean().optional(),
    idempotency_key: z.string().min(1).max(100).optional(),
  });

export const incidentUpdateBody = (now: number) =>
  z.strictObject({
    status: z.enum(INCIDENT_STATUSES),
    body: z.string().trim().min(1).max(20_000),
    components: componentMap.optional(),
    display_at: pastTime(now).nullish(),
    idempotency_key: z.string().min(1).max(100).optional(),
  });

export const maintenanceCreateBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    body: z.string().max(20_000).default(''),
    scheduled_for: isoTime,
    scheduled_until: isoTime,
    components: z.array(z.union([z.number().int().positive(), z.string().min(1).max(100)])).max(500).default([]),
    notify: z.boolean().optional(),
  })
  .refine((m) => m.scheduled_until > m.scheduled_for, { path: ['scheduled_until'], message: 'Must be after scheduled_for.' });

const minutes = z.number().int().min(1).max(100_000);
const targets = z.strictObject({ critical: minutes, major: minutes, minor: minutes });
const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Every field of the SLA admin form; absent fields keep their value. */
export const slaSettingsPatchBody = z.strictObject({
  credit_tiers: z
    .array(z.strictObject({ below: z.number().min(0).max(100), at_least: z.number().min(0).max(100), credit_percent: z.number().min(0).max(100) }).refine((t) => t.at_least < t.below, { message: '"at_least" must be below "below".' }))
    .max(20)
    .optional(),
  maintenance_allowance_minutes: z.number().int().min(0).max(100_000).optional(),
  first_response_targets: targets.optional(),
  resolve_targets: targets.optional(),
  time_zone: z.string().trim().max(64).refine(isZone, 'Use an IANA time zone such as UTC or Europe/Berlin.').optional(),
  sla_public: z.boolean().optional(),
});
