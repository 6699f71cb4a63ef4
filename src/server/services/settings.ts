/** Changing site settings, audited. */
import { tx, type Db } from '../db';
import { getSettings, putSetting, type Settings } from '../queries/settings';
import type { Actor } from './actor';
import { recordAudit, recordChange } from './journal';

export type SimpleSettings = Pick<Settings, 'pageName' | 'slaPublic' | 'maintenanceAllowanceMinutes' | 'autoPublishMonitorIncidents' | 'monitorDraftIncidents' | 'allowPrivateTargets' | 'allowLinkLocalTargets' | 'allowPrivatePublicWebhooks'>;

export function updateSettings(db: Db, patch: Partial<SimpleSettings>, actor: Actor, now: number): Settings {
  return tx(db, () => {
    const before = getSettings(db);
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch) as [keyof SimpleSettings, SimpleSettings[keyof SimpleSettings]][]) {
      if (v === undefined || before[k] === v) continue;
      putSetting(db, k, v as never);
      changed[k] = v;
    }
    if (Object.keys(changed).length > 0) {
      recordAudit(db, now, actor, 'settings.update', 'settings', null, { before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof Settings]])), after: changed });
      recordChange(db, now, 'settings.updated', 'settings', null);
    }
    return getSettings(db);
  });
}
