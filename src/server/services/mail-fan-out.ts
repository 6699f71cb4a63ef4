/** Turns change_log rows into outbox rows, one per confirmed subscriber of an affected component; (subscriber, change) is unique. */
import { asc, eq, gt, inArray } from 'drizzle-orm';
import { changeLog, components, incidentComponents, incidentUpdates, incidents, maintenanceComponents, maintenances, subscriberComponents, subscriberGroups, subscribers } from '../../../db/schema';
import { follows, type Following } from '../../domain/audience';
import { INCIDENT_STATUS_LABELS } from '../../domain/enums';
import { getConfig } from '../config';
import { tx, type Db } from '../db';
import { eventMessage, unsubscribeHeaders } from '../mail/compose';
import { subscriberUrls } from '../mail/links';
import { currentChangeId } from '../queries/changes';
import { getSettings, putSetting } from '../queries/settings';
import { enqueueMail } from './mail-outbox';

type ChangeRow = typeof changeLog.$inferSelect;
const BATCH = 200;
const KINDS = ['incident.created', 'incident.updated', 'incident.resolved', 'postmortem.published', 'maintenance.created', 'maintenance.started', 'maintenance.ended', 'maintenance.reminder', 'maintenance.updated'];

interface Event {
  heading: string;
  status: string | null;
  markdown: string;
  componentIds: number[];
  url: string;
}

function maintenanceEvent(db: Db, change: ChangeRow): Event | null {
  const m = db.select().from(maintenances).where(eq(maintenances.id, Number(change.entityId))).get();
  // a window entered after the fact (a backfill) is history, not news
  if (!m || !m.notify || m.scheduledUntil <= m.createdAt) return null;
  const componentIds = db.select({ id: maintenanceComponents.componentId }).from(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, m.id)).all().map((r) => r.id);
  const when = `${new Date(m.scheduledFor).toISOString().slice(0, 16).replace('T', ' ')} – ${new Date(m.scheduledUntil).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const cancelled = change.kind === 'maintenance.updated' && (JSON.parse(change.payload ?? '{}') as { cancelled?: boolean }).cancelled === true;
  if (change.kind === 'maintenance.updated' && !cancelled) return null;
  // a reminder recorded just before the window was called off is not sent
  if (change.kind === 'maintenance.reminder' && m.status === 'cancelled') return null;
  const status = {
    'maintenance.updated': 'Cancelled', // only the cancellation gets this far
    'maintenance.created': 'Scheduled', 'maintenance.started': 'In progress', 'maintenance.ended': 'Completed', 'maintenance.reminder': `Starts in ${m.remindPriorMinutes ?? 0} minutes` }[change.kind] ?? null;
  if (change.kind === 'maintenance.created' && m.scheduledFor <= change.at) return null;
  return { heading: `Scheduled maintenance: ${m.title}`, status, markdown: `**${when}**\n\n${m.body}`, componentIds, url: `${getConfig().siteUrl}/maintenance` };
}

function incidentEvent(db: Db, change: ChangeRow): Event | null {
  const payload = change.payload ? (JSON.parse(change.payload) as { update_id?: number; notify?: boolean }) : {};
  if (payload.notify !== true) return null;
  const row = db.select().from(incidents).where(eq(incidents.id, Number(change.entityId))).get();
  if (!row || row.draft) return null;
  const componentIds = db.select({ id: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, row.id)).all().map((r) => r.id);
  const url = `${getConfig().siteUrl}/incidents/${row.id}`;
  if (change.kind === 'postmortem.published') return { heading: `Post-mortem: ${row.title}`, status: null, markdown: row.postmortemMd ?? '', componentIds, url };
  const update = payload.update_id ? db.select().from(incidentUpdates).where(eq(incidentUpdates.id, payload.update_id)).get() : undefined;
  if (!update) return null;
  return { heading: row.title, status: INCIDENT_STATUS_LABELS[update.status], markdown: update.body, componentIds, url };
}

/** Confirmed subscribers of everything, of one of the components, or of a group holding one. */
function recipients(db: Db, componentIds: number[]): { id: number; email: string }[] {
  const confirmed = db.select({ id: subscribers.id, email: subscribers.email, all: subscribers.allComponents }).from(subscribers).where(eq(subscribers.status, 'confirmed')).all();
  if (componentIds.length === 0) return confirmed.filter((s) => s.all);
  const chosen = db.select().from(subscriberComponents).where(inArray(subscriberComponents.componentId, componentIds)).all();
  const groupOf = new Map(db.select({ id: components.id, g: components.groupId }).from(components).where(inArray(components.id, componentIds)).all().map((r) => [r.id, r.g]));
  const groupIds = [...new Set([...groupOf.values()].filter((g) => g !== null))] as number[];
  const groups = groupIds.length ? db.select().from(subscriberGroups).where(inArray(subscriberGroups.groupId, groupIds)).all() : [];
  const following = (id: number, all: boolean): Following => ({ all, componentIds: chosen.filter((r) => r.subscriberId === id).map((r) => r.componentId), groupIds: groups.filter((r) => r.subscriberId === id).map((r) => r.groupId) });
  return confirmed.filter((s) => follows(following(s.id, s.all), componentIds, groupOf));
}

function componentNames(db: Db, ids: number[]): string[] {
  return ids.length ? db.select({ name: components.name }).from(components).where(inArray(components.id, ids)).orderBy(asc(components.position), asc(components.name)).all().map((r) => r.name) : [];
}

/** Queues the messages of changes after the stored cursor; returns how many were queued. Safe with several processes. */
export function fanOutMail(db: Db, now: number): number {
  const max = currentChangeId(db);
  const seen = getSettings(db).mailCursor;
  if (seen !== null && seen >= max) return 0;
  return tx(db, () => {
    const cursor = getSettings(db).mailCursor;
    if (cursor === null) {
      // first run: start from now rather than mailing history
      putSetting(db, 'mailCursor', currentChangeId(db));
      return 0;
    }
    const changes = db.select().from(changeLog).where(gt(changeLog.id, cursor)).orderBy(asc(changeLog.id)).limit(BATCH).all();
    if (changes.length === 0) return 0;
    const pageName = getSettings(db).pageName;
    let queued = 0;
    for (const change of changes.filter((c) => KINDS.includes(c.kind))) {
      const event = change.entity === 'maintenance' ? maintenanceEvent(db, change) : incidentEvent(db, change);
      if (!event) continue;
      const affected = componentNames(db, event.componentIds);
      for (const s of recipients(db, event.componentIds)) {
        const links = subscriberUrls(db, s.id, now);
        const msg = eventMessage(pageName, { ...event, affected }, links);
        if (enqueueMail(db, s.id, `change:${change.id}`, s.email, msg, unsubscribeHeaders(links), now)) queued++;
      }
    }
    putSetting(db, 'mailCursor', changes[changes.length - 1].id);
    return queued;
  });
}
