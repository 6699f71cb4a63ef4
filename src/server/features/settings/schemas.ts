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
