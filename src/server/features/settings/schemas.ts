/** Site settings inputs: /admin/settings, and the SLA settings as the admin form sends them and as the API's JSON. */
import { z } from 'zod';
import { parseTiers, tierProblem } from '../../../domain/credit-tiers';
import { MAINTENANCE_POLICIES } from '../../../domain/maintenance-allowance';
import { isTimeZone } from '../../../domain/zone-time';
import type { SlaSettingsInput } from '../../services/sla-settings';
import { flag, text } from '../fields';

export const SettingsUpdate = z.object({
  pageName: text(100, 'Page name'),
  slaPublic: flag,
  maintenanceAllowanceMinutes: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Whole minutes.').min(0, 'Cannot be negative.').max(44_640, 'At most a month (44,640 minutes).'),
  autoPublishMonitorIncidents: flag,
  monitorDraftIncidents: flag,
  allowPrivateTargets: flag,
  allowLinkLocalTargets: flag,
  allowPrivatePublicWebhooks: flag,
});

// The rules of each SLA setting, once; the form (strings) and the API (JSON) differ only in how values arrive.
const targetMinutes = (n: z.ZodNumber) => n.int('Whole minutes.').min(1, 'At least 1 minute.').max(100_000, 'Too large.');
const allowance = (n: z.ZodNumber) => n.int('Whole minutes.').min(0, 'Cannot be negative.').max(100_000, 'Too large.');
const policy = z.enum(MAINTENANCE_POLICIES, { error: `Choose one of: ${MAINTENANCE_POLICIES.join(', ')}.` });
const zone = z.string().trim().max(64, 'Too long.').refine(isTimeZone, 'Use an IANA time zone such as UTC or Europe/Berlin.');
const formMinutes = () => targetMinutes(z.coerce.number({ error: 'Enter a number of minutes.' }));
const jsonMinutes = () => targetMinutes(z.number());

/** The admin form: tiers as text lines, one field per response target. */
export const SlaSettings = z
  .object({
    credit_tiers: z.string().max(2000, 'At most 2,000 characters.'),
    maintenance_allowance: allowance(z.coerce.number({ error: 'Enter a number of minutes.' })),
    maintenance_policy: policy,
    first_critical: formMinutes(),
    first_major: formMinutes(),
    first_minor: formMinutes(),
    resolve_critical: formMinutes(),
    resolve_major: formMinutes(),
    resolve_minor: formMinutes(),
    time_zone: zone,
    sla_public: z.string().optional(),
  })
  .transform((v, ctx): SlaSettingsInput => {
    const tiers = parseTiers(v.credit_tiers);
    if (typeof tiers === 'string') {
      ctx.addIssue({ code: 'custom', path: ['credit_tiers'], message: tiers });
      return z.NEVER;
    }
    return {
      creditTiers: tiers,
      maintenanceAllowanceMinutes: v.maintenance_allowance,
      maintenancePolicy: v.maintenance_policy,
      firstResponseTargets: { critical: v.first_critical, major: v.first_major, minor: v.first_minor },
      resolveTargets: { critical: v.resolve_critical, major: v.resolve_major, minor: v.resolve_minor },
      slaTimeZone: v.time_zone,
      slaPublic: v.sla_public === 'on',
    };
  });

const targets = z.strictObject({ critical: jsonMinutes(), major: jsonMinutes(), minor: jsonMinutes() });
const tier = z.strictObject({ below: z.number(), at_least: z.number(), credit_percent: z.number() }).superRefine((t, ctx) => {
  const problem = tierProblem({ below: t.below, atLeast: t.at_least, creditPercent: t.credit_percent });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The same settings as JSON (/api/v1/sla/settings PATCH); absent fields keep their value. */
export const SlaSettingsPatch = z.strictObject({
  credit_tiers: z.array(tier).max(20).optional(),
  maintenance_allowance_minutes: allowance(z.number()).optional(),
  maintenance_policy: policy.optional(),
  first_response_targets: targets.optional(),
  resolve_targets: targets.optional(),
  time_zone: zone.optional(),
  sla_public: z.boolean().optional(),
});
