/**
 * Turns change_log rows into outbox rows, one per confirmed subscriber of an affected component; (subscriber, change)
 * is unique. Each change's message is rendered once and its subscribers are walked in chunks (issue #23).
 */
import { asc, gt, inArray } from 'drizzle-orm';
import { changeLog, components } from '../../../db/schema';
import { follows, type Following } from '../../domain/audience';
import { STATUS_LABELS } from '../../domain/enums';
import { listHeaders, threadHeaders } from '../../domain/mail-thread';
import { getConfig } from '../config';
import { tx, type Db } from '../db';
import { unsubscribeHeaders, type Links, type Message } from '../mail/compose';
import { eventMessageFor } from '../mail/event-message';
import { subscriberUrlsAt } from '../mail/links';
import { DEFAULT_BUTTON_COLOR, loadShell, shellFor, type Brand } from '../mail/template';
import { getBrandView } from '../queries/brand-view';
import { currentChangeId } from '../queries/changes';
import { pageIdentity } from '../queries/identity';
import { getSettings, putSetting } from '../queries/settings';
import { incidentEvent, maintenanceEvent } from './mail-events';
import { enqueueMail } from './mail-outbox';
import { changePages } from '../queries/change-pages';
import { defaultPage, listPages } from '../queries/pages';

type ChangeRow = typeof changeLog.$inferSelect;
const BATCH = 200;
/** Subscribers looked at per transaction: a few milliseconds of work, then the event loop is free again. */
const CHUNK = 250;
const KINDS = ['incident.created', 'incident.updated', 'incident.resolved', 'postmortem.published', 'maintenance.created', 'maintenance.started', 'maintenance.ended', 'maintenance.reminder', 'maintenance.updated'];

/** What one change sends: the message rendered once, its headers' shared part, and who follows it. */
interface Job {
  changeId: number;
  compose: (links: Links) => Message;
  headers: (subscriberId: number) => Record<string, string>;
  thread: string;
  componentIds: number[];
  groupOf: Map<number, number | null>;
  /** Issue 24: the pages the change shows on; a subscriber hears it only through their own page. */
  pages: ReadonlySet<number>;
  defaultPage: number;
}

/** The change being fanned out in this process and how far along its subscribers it got (ids ascending). */
const progress = new WeakMap<Db['$client'], { job: Job; afterId: number }>();

/** The page's brand as e-mail shows it: the shell to fill and the logo's absolute URL. */
function mailBrand(db: Db): { brand: Brand; logoUrl: string | null } {
  const logo = getBrandView(db).logoLight;
  return { brand: { color: getSettings(db).brandColor ?? DEFAULT_BUTTON_COLOR, hasLogo: logo !== null }, logoUrl: logo && `${getConfig().siteUrl}${logo}` };
}

/** A change to mail came up before the shell for the current brand was compiled: nothing was written, compile and come back. */
class ShellNotReady extends Error {}

/** Compiles the e-mail shell for the current brand; the fan-out needs it (MJML compiles asynchronously). */
export async function prepareMailShell(db: Db): Promise<void> {
  await loadShell(mailBrand(db).brand);
}

function jobOf(db: Db, change: ChangeRow): Job | null {
  const event = change.entity === 'maintenance' ? maintenanceEvent(db, change) : incidentEvent(db, change);
  if (!event) return null;
  const { brand, logoUrl } = mailBrand(db);
  const shell = shellFor(brand);
  if (!shell) throw new ShellNotReady();
  const rows = componentRows(db, event.componentIds);
  const pageName = getSettings(db).pageName;
  const host = pageIdentity(db, change.at).tagAuthority.split(',')[0];
  const shared = listHeaders(pageName, host);
  const components = rows.map((r) => ({ name: r.name, status: STATUS_LABELS[event.statuses.get(r.id) ?? r.status] }));
  return {
    changeId: change.id,
    compose: eventMessageFor(shell, { ...event.content, pageName, logoUrl, components }),
    headers: (subscriberId) => ({ ...shared, ...threadHeaders({ thread: event.thread, opens: event.opens, changeId: change.id, subscriberId, host }) }),
    thread: event.thread,
    componentIds: event.componentIds,
    groupOf: new Map(rows.map((r) => [r.id, r.groupId])),
    pages: new Set(changePages(db, listPages(db), { id: change.id, at: change.at, kind: change.kind, entity: change.entity, entity_id: change.entityId })),
    defaultPage: defaultPage(db).id,
  };
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
    if (enqueueMail(db, s.id, `change:${job.changeId}`, s.email, job.compose(l), { ...unsubscribeHeaders(l), ...job.headers(s.id) }, now, job.thread)) queued++;
  }
  return { queued, seen: subs.length, last: subs.length < limit ? null : subs[subs.length - 1].id };
}

function componentRows(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: components.id, name: components.name, status: components.status, groupId: components.groupId }).from(components).where(inArray(components.id, ids)).orderBy(asc(components.position), asc(components.name)).all();
}

/**
 * Queues the messages of changes after the stored cursor, looking at no more than `budget` subscribers in one short
 * transaction; `more` says whether work remains. Safe with several processes: (subscriber, event) is unique.
 */
export function fanOutMailChunk(db: Db, now: number, budget = CHUNK): { queued: number; more: boolean; needsShell?: true } {
  const max = currentChangeId(db);
  const seen = getSettings(db).mailCursor;
  if (seen !== null && seen >= max) return { queued: 0, more: false };
  try {
    return fanOutIn(db, now, budget, max);
  } catch (err) {
    if (err instanceof ShellNotReady) return { queued: 0, more: true, needsShell: true };
    throw err;
  }
}

function fanOutIn(db: Db, now: number, budget: number, max: number): { queued: number; more: boolean } {
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
        if (held?.job.changeId !== change.id) {
          const job = jobOf(db, change);
          // rendering a long update is a step of its own: its subscribers are queued from the next chunk on
          if (job) {
            progress.set(db.$client, { job, afterId: 0 });
            break;
          }
        } else {
          const r = queueChunk(db, held.job, held.afterId, left, now);
          queued += r.queued;
          if (r.last !== null) {
            progress.set(db.$client, { job: held.job, afterId: r.last });
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
export async function fanOutMail(db: Db, now: number): Promise<number> {
  let queued = 0;
  for (let r: ReturnType<typeof fanOutMailChunk> = { queued: 0, more: true }; r.more; ) {
    r = fanOutMailChunk(db, now);
    if (r.needsShell) await prepareMailShell(db);
    queued += r.queued;
  }
  return queued;
}
