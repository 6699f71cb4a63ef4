/** SLA settings (admin only): credit tiers, maintenance allowance, response targets, reporting zone, public page. */
import type { MaintenancePolicy } from '../../domain/maintenance-allowance';
import { formatTiers } from '../../domain/credit-tiers';
import { tx, type Db } from '../db';
import { authorize } from '../auth/permissions';
import { getSettings, putSetting, type Settings } from '../queries/settings';
import type { Actor } from './actor';
import { recordAudit, recordChange } from './journal';
import { invalidateSla } from './sla';

export interface SlaSettingsInput {
  creditTiers: Settings['creditTiers'];
  maintenanceAllowanceMinutes: number;
  maintenancePolicy: MaintenancePolicy;
  firstResponseTargets: Settings['firstResponseTargets'];
  resolveTargets: Settings['resolveTargets'];
  slaTimeZone: string;
  slaPublic: boolean;
}

/** The form's values for the current settings. */
export function slaSettingsValues(s: Settings): Record<string, string> {
  return {
    credit_tiers: formatTiers(s.creditTiers),
    maintenance_allowance: String(s.maintenanceAllowanceMinutes),
    maintenance_policy: s.maintenancePolicy,
    first_critical: String(s.firstResponseTargets.critical),
    first_major: String(s.firstResponseTargets.major),
    first_minor: String(s.firstResponseTargets.minor),
    resolve_critical: String(s.resolveTargets.critical),
    resolve_major: String(s.resolveTargets.major),
    resolve_minor: String(s.resolveTargets.minor),
    time_zone: s.slaTimeZone,
    sla_public: s.slaPublic ? 'on' : '',
  };
}

/**
 * Saves the SLA settings. Closed months stay frozen with the policy they were computed under, except when the
 * reporting zone changes: month boundaries move, so every frozen month is recomputed.
 */
export function saveSlaSettings(db: Db, input: SlaSettingsInput, actor: Actor, now: number): void {
  // The permission table again (a second wall behind the verb): a key's rights are its actor's role, never its type.
  authorize(actor, 'sla.settings');
  tx(db, () => {
    const before = getSettings(db);
    for (const key of Object.keys(input) as (keyof SlaSettingsInput)[]) putSetting(db, key, input[key] as never);
    if (before.slaTimeZone !== input.slaTimeZone) invalidateSla(db, null, 0, now, now, `reporting time zone changed from ${before.slaTimeZone} to ${input.slaTimeZone}`);
    const pick = (s: Settings) => Object.fromEntries(Object.keys(input).map((k) => [k, s[k as keyof Settings]]));
    recordAudit(db, now, actor, 'settings.sla', 'settings', 'sla', { before: pick(before), after: input });
    recordChange(db, now, 'settings.updated', 'settings', 'sla');
  });
}

export interface SlaSettingsPatch {
  credit_tiers?: { below: number; at_least: number; credit_percent: number }[];
  maintenance_allowance_minutes?: number;
  maintenance_policy?: MaintenancePolicy;
  first_response_targets?: Settings['firstResponseTargets'];
  resolve_targets?: Settings['resolveTargets'];
  time_zone?: string;
  sla_public?: boolean;
}

/** Applies a partial change (the write API's PATCH) on top of the current settings, as the admin form saves them. */
export function patchSlaSettings(db: Db, patch: SlaSettingsPatch, actor: Actor, now: number): Settings {
  const s = getSettings(db);
  saveSlaSettings(
    db,
    {
      creditTiers: patch.credit_tiers?.map((t) => ({ below: t.below, atLeast: t.at_least, creditPercent: t.credit_percent })) ?? s.creditTiers,
      maintenanceAllowanceMinutes: patch.maintenance_allowance_minutes ?? s.maintenanceAllowanceMinutes,
      maintenancePolicy: patch.maintenance_policy ?? s.maintenancePolicy,
      firstResponseTargets: patch.first_response_targets ?? s.firstResponseTargets,
      resolveTargets: patch.resolve_targets ?? s.resolveTargets,
      slaTimeZone: patch.time_zone ?? s.slaTimeZone,
      slaPublic: patch.sla_public ?? s.slaPublic,
    },
    actor,
    now,
  );
  return getSettings(db);
}
