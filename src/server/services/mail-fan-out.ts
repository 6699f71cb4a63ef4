/**
 * Turns change_log rows into outbox rows, one per confirmed subscriber of an affected component; (subscriber, change)
 * is unique. Each change's message is rendered once and its subscribers are walked in chunks (issue #23).
 */
import { asc, eq, gt, inArray } from 'drizzle-orm';
import { changeLog, components, incidentComponents, incidentUpdates, incidents, maintenanceComponents, maintenances } from '../../../db/schema';
import { follows, type Following } from '../../domain/audience';
import { INCIDENT_STATUS_LABELS } from '../../domain/enums';
import { getConfig } from '../config';
import { tx, type Db } from '../db';
import { eventMessageFor, unsubscribeHeaders, type Links, type Message } from '../mail/compose';
import { subscriberUrlsAt } from '../mail/links';
import { currentChangeId } from '../queries/changes';
import { getSettings, putSetting } from '../queries/settings';
import { enqueueMail } from './mail-outbox';
import { changePages } from '../queries/change-pages';
import { defaultPage, listPages } from '../queries/pages';

type ChangeRow = typeof changeLog.$inferSelect;
const BATCH = 200;
/** Subscribers looked at per transaction: a few milliseconds of work, then the event loop is free again. */
const CHUNK = 250;
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

/** What one change sends: the message rendered once, and who follows it. */
interface Job {
  changeId: number;
  compose: (links: Links) => Message;
  componentIds: number[];
  groupOf: Map<number, number | null>;
  /** Issue 24: the pages the change shows on; a subscriber hears it only through their own page. */
  pages: ReadonlySet<number>;
  defaultPage: number;
}

/** The change being fanned out in this process and how far along its subscribers it got (ids ascending). */
const progress = new WeakMap<Db['$client'], { job: Job; afterId: number }>();

function jobOf(db: Db, change: ChangeRow): Job | null {
  const event = change.entity === 'maintenance' ? maintenanceEvent(db, change) : incidentEvent(db, change);
  if (!event) return null;
  const affected = componentNames(db, event.componentIds);
  const groupOf = new Map(event.componentIds.length ? db.select({ id: components.id, g: components.groupId }).from(components).where(inArray(components.id, event.componentIds)).all().map((r) => [r.id, r.g]) : []);
  const pages = new Set(changePages(db, listPages(db), { id: change.id, at: change.at, kind: change.kind, entity: change.entity, entity_id: change.entityId }));
  return { changeId: change.id, compose: eventMessageFor(getSettings(db).pageName, { ...event, affected }), componentIds: event.componentIds, groupOf, pages, defaultPage: defaultPage(db).id };
}

/** What each of these subscribers follows, read for their id range only (never the whole list per subscriber). */
function followingOf(db: Db, subs: { id: number; all: number }[]): (s: { id: number; all: number }) => Following {
  const lo = subs[0].id;
  const hi = subs[subs.length - 1].id;
  const byId = (sql: string) => {
    const m = new Map<number, number[]>();
    for (const [id, x] of db.$client.prepare(sql).raw().all(lo, hi) as [number, number][]) m.set(id, [...(m.get(id) ?? []), x]);
    return m;
  };
  const chosen = byId('SELECT subscriber_id, component_id FROM subscriber_components WHERE subscriber_id BETWEEN ? AND ?');
  const groups = byId('SELECT subscriber_id, group_id FROM subscriber_groups WHERE subscriber_id BETWEEN ? AND ?');
  return (s) => ({ all: s.all === 1, componentIds: chosen.get(s.id) ?? [], groupIds: groups.get(s.id) ?? [] });
}

/** Queues the job for the next `limit` confirmed subscribers after `afterId`; `last` is null once the list is done. */
function queueChunk(db: Db, job: Job, afterId: number, limit: number, now: number): { queued: number; seen: number; last: number | null } {
  const subs = db.$client.prepare("SELECT id, email, all_components AS \"all\", page_id AS pageId FROM subscribers WHERE status = 'confirmed' AND id > ? ORDER BY id LIMIT ?").all(afterId, limit) as { id: number; email: string; all: number; pageId: number | null }[];
  if (subs.length === 0) return { queued: 0, seen: 0, last: null };
  const following = followingOf(db, subs);
  const links = subscriberUrlsAt(db, now);
  let queued = 0;
  for (const s of subs) {
    if (!job.pages.has(s.pageId ?? job.defaultPage) || !follows(following(s), job.componentIds, job.groupOf)) continue;
    const l = links(s.id);
    if (enqueueMail(db, s.id, `change:${job.changeId}`, s.email, job.compose(l), unsubscribeHeaders(l), now)) queued++;
  }
  return { queued, seen: subs.length, last: subs.length < limit ? null : subs[subs.length - 1].id };
}

function componentNames(db: Db, ids: number[]): string[] {
  return ids.length ? db.select({ name: components.name }).from(components).where(inArray(components.id, ids)).orderBy(asc(components.position), asc(components.name)).all().map((r) => r.name) : [];
}

/**
 * Queues the messages of changes after the stored cursor, looking at no more than `budget` subscribers in one short
 * transaction; `more` says whether work remains. Safe with several processes: (subscriber, event) is unique.
 */
export function fanOutMailChunk(db: Db, now: number, budget = CHUNK): { queued: number; more: boolean } {
  const max = currentChangeId(db);
  const seen = getSettings(db).mailCursor;
  if (seen !== null && seen >= max) return { queued: 0, more: false };
  return tx(db, () => {
    const cursor = getSettings(db).mailCursor;
    if (cursor === null) {
      // first run: start from now rather than mailing history
      putSetting(db, 'mailCursor', currentChangeId(db));
      return { queued: 0, more: false };
    }
    const changes = db.select().from(changeLog).where(gt(changeLog.id, cursor)).orderBy(asc(changeLog.id)).limit(BATCH).all();
    let done = cursor;
    let queued = 0;
    let left = budget;
    for (const change of changes) {
      if (left <= 0) break;
      if (KINDS.includes(change.kind)) {
        const held = progress.get(db.$client);
        const at = held?.job.changeId === change.id ? held : { job: jobOf(db, change), afterId: 0 };
        if (at.job) {
          const r = queueChunk(db, at.job, at.afterId, left, now);
          queued += r.queued;
          if (r.last !== null) {
            progress.set(db.$client, { job: at.job, afterId: r.last });
            break;
          }
          left -= r.seen;
          progress.delete(db.$client);
        }
      }
      done = change.id;
    }
    if (done > cursor) putSetting(db, 'mailCursor', done);
    return { queued, more: done < max };
  });
}

/** Queues everything due at once (tests and one-off tools); the worker goes chunk by chunk instead. */
export function fanOutMail(db: Db, now: number): number {
  let queued = 0;
  for (let r = { queued: 0, more: true }; r.more; ) {
    r = fanOutMailChunk(db, now);
    queued += r.queued;
  }
  return queued;
}
