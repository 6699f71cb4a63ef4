/** SLA settings (admin only): credit tiers, maintenance allowance, response targets, reporting zone, public page. */
import { z } from 'zod';
import { tx, type Db } from '../db';
import { ForbiddenError } from '../errors';
import { getSettings, putSetting, type Settings } from '../queries/settings';
import type { Actor } from './actor';
import { recordAudit, recordChange } from './journal';
import { invalidateSla } from './sla';

const minutes = z.coerce.number({ error: 'Enter a number of minutes.' }).int('Whole minutes.').min(1, 'At least 1 minute.').max(100_000, 'Too large.');

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** One tier per line: "below, at least, credit %" (e.g. "99.95, 99.9, 15"). */
export function parseTiers(text: string): Settings['creditTiers'] | string {
  const tiers: Settings['creditTiers'] = [];
  for (const [i, line] of text.split(/\r?\n/).map((l) => l.trim()).entries()) {
    if (!line) continue;
    const nums = line.split(/[,;\s]+/).filter(Boolean).map(Number);
    if (nums.length !== 3 || nums.some((n) => !Number.isFinite(n))) return `Line ${i + 1}: write three numbers: below, at least, credit %.`;
    const [below, atLeast, creditPercent] = nums;
    if (!(atLeast < below) || atLeast < 0 || below > 100) return `Line ${i + 1}: "at least" must be below "below", both between 0 and 100.`;
    if (creditPercent < 0 || creditPercent > 100) return `Line ${i + 1}: the credit must be between 0 and 100 %.`;
    tiers.push({ below, atLeast, creditPercent });
  }
  return tiers;
}

export function formatTiers(tiers: Settings['creditTiers']): string {
  return tiers.map((t) => `${t.below}, ${t.atLeast}, ${t.creditPercent}`).join('\n');
}

export const SlaSettingsForm = z
  .object({
    credit_tiers: z.string().max(2000, 'At most 2,000 characters.'),
    maintenance_allowance: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Whole minutes.').min(0, 'Cannot be negative.').max(100_000, 'Too large.'),
    first_critical: minutes,
    first_major: minutes,
    first_minor: minutes,
    resolve_critical: minutes,
    resolve_major: minutes,
    resolve_minor: minutes,
    time_zone: z.string().trim().max(64, 'Too long.').refine(isZone, 'Use an IANA time zone such as UTC or Europe/Berlin.'),
    sla_public: z.string().optional(),
  })
  .transform((v, ctx) => {
    const tiers = parseTiers(v.credit_tiers);
    if (typeof tiers === 'string') {
      ctx.addIssue({ code: 'custom', path: ['credit_tiers'], message: tiers });
      return z.NEVER;
    }
    return {
      creditTiers: tiers,
      maintenanceAllowanceMinutes: v.maintenance_allowance,
      firstResponseTargets: { critical: v.first_critical, major: v.first_major, minor: v.first_minor },
      resolveTargets: { critical: v.resolve_critical, major: v.resolve_major, minor: v.resolve_minor },
      slaTimeZone: v.time_zone,
      slaPublic: v.sla_public === 'on',
    };
  });
export type SlaSettingsInput = z.output<typeof SlaSettingsForm>;

/** The form's values for the current settings. */
export function slaSettingsValues(s: Settings): Record<string, string> {
  return {
    credit_tiers: formatTiers(s.creditTiers),
    maintenance_allowance: String(s.maintenanceAllowanceMinutes),
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
  if (actor.role !== 'admin' && actor.type !== 'apikey') throw new ForbiddenError('Only admins can change SLA settings.');
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
