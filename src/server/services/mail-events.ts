/** What an incident or maintenance change tells subscribers by e-mail: the message's content, its components and thread. */
import { eq } from 'drizzle-orm';
import { changeLog, incidentComponents, incidentUpdateComponents, incidentUpdates, incidents, maintenanceComponents, maintenances, maintenanceUpdates } from '../../../db/schema';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS, type ComponentStatus } from '../../domain/enums';
import { formatUtc } from '../../domain/format';
import { mailThread } from '../../domain/mail-thread';
import { getConfig } from '../config';
import type { Db } from '../db';
import type { EventContent } from '../mail/event-message';

type ChangeRow = typeof changeLog.$inferSelect;

export interface MailEvent {
  content: Omit<EventContent, 'pageName' | 'logoUrl' | 'components'>;
  /** Each component's status as the message reports it; the components' current ones where absent. */
  statuses: Map<number, ComponentStatus>;
  componentIds: number[];
  thread: string;
  /** The event that opens its thread (its message is the thread's root). */
  opens: boolean;
}

interface MaintenancePayload {
  cancelled?: boolean;
  edited?: boolean;
  update_id?: number;
  notify?: boolean;
}

/** What a maintenance.updated change announces: the cancellation, or an edit or progress update the operator chose to send. */
function maintenanceNews(db: Db, payload: MaintenancePayload): { status: string; markdown?: string } | null {
  if (payload.cancelled === true) return { status: 'Cancelled' };
  if (payload.notify !== true) return null;
  if (payload.edited === true) return { status: 'Details changed' };
  const update = payload.update_id ? db.select().from(maintenanceUpdates).where(eq(maintenanceUpdates.id, payload.update_id)).get() : undefined;
  return update ? { status: 'Update', markdown: update.body } : null;
}

export function maintenanceEvent(db: Db, change: ChangeRow): MailEvent | null {
  const m = db.select().from(maintenances).where(eq(maintenances.id, Number(change.entityId))).get();
  const payload = JSON.parse(change.payload ?? '{}') as MaintenancePayload;
  // a window entered after the fact (a backfill) is history, not news; an edit or update the operator asked to send is news
  if (!m || (!m.notify && payload.notify !== true) || m.scheduledUntil <= m.createdAt) return null;
  const componentIds = db.select({ id: maintenanceComponents.componentId }).from(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, m.id)).all().map((r) => r.id);
  const news = change.kind === 'maintenance.updated' ? maintenanceNews(db, payload) : null;
  if (change.kind === 'maintenance.updated' && !news) return null;
  // a reminder recorded just before the window was called off is not sent
  if (change.kind === 'maintenance.reminder' && m.status === 'cancelled') return null;
  const status = news?.status ?? { 'maintenance.created': 'Scheduled', 'maintenance.started': 'In progress', 'maintenance.ended': 'Completed', 'maintenance.reminder': `Starts in ${m.remindPriorMinutes ?? 0} minutes` }[change.kind] ?? null;
  if (change.kind === 'maintenance.created' && m.scheduledFor <= change.at) return null;
  const content = { heading: `Maintenance: ${m.title}`, status, meta: [`${formatUtc(m.scheduledFor)} – ${formatUtc(m.scheduledUntil)}`], markdown: news?.markdown ?? m.body, url: `${getConfig().siteUrl}/maintenance/${m.id}`, buttonLabel: 'View maintenance' };
  return { content, statuses: new Map(), componentIds, thread: mailThread('maintenance', m.id)!, opens: change.kind === 'maintenance.created' };
}

export function incidentEvent(db: Db, change: ChangeRow): MailEvent | null {
  const payload = change.payload ? (JSON.parse(change.payload) as { update_id?: number; notify?: boolean }) : {};
  if (payload.notify !== true) return null;
  const row = db.select().from(incidents).where(eq(incidents.id, Number(change.entityId))).get();
  if (!row || row.draft) return null;
  const componentIds = db.select({ id: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, row.id)).all().map((r) => r.id);
  const url = `${getConfig().siteUrl}/incidents/${row.id}`;
  const base = { componentIds, thread: mailThread('incident', row.id)!, opens: change.kind === 'incident.created' };
  const impact = `Impact: ${IMPACT_LABELS[row.impact]}`;
  if (change.kind === 'postmortem.published') {
    const content = { heading: `Post-mortem: ${row.title}`, status: null, meta: [impact, `Published ${formatUtc(row.postmortemPublishedAt ?? change.at)}`], markdown: row.postmortemMd ?? '', url, buttonLabel: 'View incident' };
    return { ...base, content, statuses: new Map() };
  }
  const update = payload.update_id ? db.select().from(incidentUpdates).where(eq(incidentUpdates.id, payload.update_id)).get() : undefined;
  if (!update) return null;
  const declared = db.select({ id: incidentUpdateComponents.componentId, status: incidentUpdateComponents.newStatus }).from(incidentUpdateComponents).where(eq(incidentUpdateComponents.updateId, update.id)).all();
  const content = { heading: row.title, status: INCIDENT_STATUS_LABELS[update.status], meta: [impact, `Posted ${formatUtc(update.displayAt)}`], markdown: update.body, url, buttonLabel: 'View incident' };
  return { ...base, content, statuses: new Map(declared.map((d) => [d.id, d.status])) };
}
