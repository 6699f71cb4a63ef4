/** Settings verbs: admins only. */
import { patchSlaSettings as patchSla, saveSlaSettings } from '../../services/sla-settings';
import { updateSettings as update } from '../../services/settings';
import { defineVerb } from '../verb';
import { SettingsUpdate, SlaSettings, SlaSettingsPatch } from './schemas';

export const updateSettings = defineVerb('settings.update', 'settings.update', SettingsUpdate, (ctx, d) => update(ctx.db, d, ctx.actor, ctx.now));

export const updateSlaSettings = defineVerb('sla.settings', 'sla.settings', SlaSettings, (ctx, d) => saveSlaSettings(ctx.db, d, ctx.actor, ctx.now));

/** The same settings as JSON (/api/v1/sla/settings): tiers as a list, targets by severity; absent fields stay. */
export const patchSlaSettings = defineVerb('sla.settingsPatch', 'sla.settings', SlaSettingsPatch, (ctx, d) => patchSla(ctx.db, d, ctx.actor, ctx.now));
