/** Settings as the admin pages edit them. */
import { authorize } from '../../auth/permissions';
import { getSettings, type Settings } from '../../queries/settings';
import type { VerbContext } from '../verb';

export function getSettingsForAdmin(ctx: VerbContext): Settings {
  authorize(ctx.actor, 'settings.read');
  return getSettings(ctx.db);
}

/** The SLA settings (tiers, allowance, targets, zone): editors read them on the SLA page, admins change them. */
export function getSlaSettingsForOperator(ctx: VerbContext): Settings {
  authorize(ctx.actor, 'sla.read');
  return getSettings(ctx.db);
}
