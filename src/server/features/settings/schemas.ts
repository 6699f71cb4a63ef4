/** Site settings inputs: /admin/settings and the SLA settings form of /admin/sla. */
import { z } from 'zod';
import { SlaSettingsForm } from '../../services/sla-settings';
import { flag, text } from '../fields';

export const SettingsUpdate = z.object({
  pageName: text(100, 'Page name'),
  slaPublic: flag,
  maintenanceAllowanceMinutes: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Whole minutes.').min(0, 'Cannot be negative.').max(44_640, 'At most a month (44,640 minutes).'),
  autoPublishMonitorIncidents: flag,
  monitorDraftIncidents: flag,
  allowPrivateTargets: flag,
  allowLinkLocalTargets: flag,
});

/** Credit tiers, allowance, response targets, reporting zone (the service owns the tier parsing). */
export const SlaSettings = SlaSettingsForm;

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
export const SlaSettingsPatch = z.strictObject({
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
