/** Settings verbs: admins only. */
import { saveSlaSettings } from '../../services/sla-settings';
import { updateSettings as update } from '../../services/settings';
import { defineVerb } from '../verb';
import { SettingsUpdate, SlaSettings } from './schemas';

export const updateSettings = defineVerb('settings.update', 'settings.update', SettingsUpdate, (ctx, d) => update(ctx.db, d, ctx.actor, ctx.now));

export const updateSlaSettings = defineVerb('sla.settings', 'sla.settings', SlaSettings, (ctx, d) => saveSlaSettings(ctx.db, d, ctx.actor, ctx.now));
