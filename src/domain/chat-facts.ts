/** The facts a chat message tells, read off the Statuspage-format payload the fan-out already builds (pure). */
import { TONE_OF_INDICATOR, TONE_OF_STATUS, type BadgeTone } from './badge';
import { IMPACTS, INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS, STATUS_LABELS, type Impact, type IncidentStatus, type MaintenanceStatus } from './enums';
import type { ChatFacts } from './chat-messages';
import { isFinishedSpStatus } from './statuspage';
import type { ChangePayload } from './webhook';

const TONE_OF_IMPACT: Record<Impact, BadgeTone> = { none: 'ok', minor: 'minor', major: 'major', critical: 'critical' };

/** Component ids a payload concerns (affected components, or the component whose status changed). */
export function payloadComponentIds(p: ChangePayload): number[] {
  if ('component_update' in p) return [Number(p.component.id)];
  return p.incident.components.map((c) => Number(c.id));
}

export function chatFacts(p: ChangePayload, pageName: string, componentUrl: (id: string) => string): ChatFacts {
  if ('component_update' in p) {
    const s = p.component_update.new_status;
    return { pageName, title: `${p.component.name}: ${STATUS_LABELS[s]}`, statusLabel: STATUS_LABELS[s], tone: TONE_OF_STATUS[s], body: `Was ${STATUS_LABELS[p.component_update.old_status].toLowerCase()}.`, components: [p.component.name], url: componentUrl(p.component.id), at: Date.parse(p.component_update.created_at) };
  }
  const i = p.incident;
  const latest = i.incident_updates[0];
  const maintenance = i.impact === 'maintenance';
  const status = (latest?.status ?? i.status) as string;
  const statusLabel = maintenance ? (MAINTENANCE_STATUS_LABELS[status as MaintenanceStatus] ?? status) : (INCIDENT_STATUS_LABELS[status as IncidentStatus] ?? (status === 'postmortem' ? 'Post-mortem' : status));
  const resolved = isFinishedSpStatus(status);
  const tone: BadgeTone = resolved ? 'ok' : maintenance ? 'maintenance' : IMPACTS.includes(i.impact as Impact) ? TONE_OF_IMPACT[i.impact as Impact] : TONE_OF_INDICATOR.none;
  return { pageName, title: maintenance ? `Maintenance: ${i.name}` : i.name, statusLabel, tone, body: latest?.body ?? '', components: i.components.map((c) => c.name), url: i.shortlink, at: Date.parse(latest?.created_at ?? i.updated_at) };
}
