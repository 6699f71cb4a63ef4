/** Turns new change_log rows into pending deliveries, one per enabled subscriber, payload frozen at that moment. */
import { and, asc, eq, gt, lte, or } from 'drizzle-orm';
import { changeLog, components, incidents, maintenances, webhookDeliveries, webhookSubscriberComponents, webhookSubscriberGroups, webhookSubscribers } from '../../../db/schema';
import { follows, type Following } from '../../domain/audience';
import { chatFacts, payloadComponentIds } from '../../domain/chat-facts';
import { channelBody } from '../../domain/chat-messages';
import type { ComponentStatus } from '../../domain/enums';
import { toSpIncident, toSpMaintenance } from '../../domain/statuspage';
import { componentWebhook, incidentWebhook, webhookIncident, WEBHOOK_KINDS, type ChangePayload, type PayloadContext } from '../../domain/webhook';
import { tx, type Db } from '../db';
import { loadIncidents, loadMaintenances } from '../queries/public';
import { currentChangeId } from '../queries/changes';
import { getSettings, putSetting } from '../queries/settings';
import { loadSpContext, spStatus, type SpContext } from '../queries/statuspage';

type ChangeRow = typeof changeLog.$inferSelect;
const BATCH = 200;
const KINDS = new Set<string>(WEBHOOK_KINDS);

function buildPayload(db: Db, ctx: SpContext, change: ChangeRow, now: number): ChangePayload | null {
  const pctx: PayloadContext = { pageId: ctx.pageId, status: spStatus(db), siteUrl: ctx.siteUrl, changeId: change.id, kind: change.kind, now };
  if (change.kind === 'component.status') {
    const component = ctx.components.find((c) => !c.group && c.id === change.entityId);
    if (!component || !change.payload) return null;
    const p = JSON.parse(change.payload) as { old_status: ComponentStatus; new_status: ComponentStatus; at: number };
    return componentWebhook(pctx, component, { at: p.at ?? change.at, oldStatus: p.old_status, newStatus: p.new_status });
  }
  if (change.entity === 'maintenance') {
    const m = db.select().from(maintenances).where(eq(maintenances.id, Number(change.entityId))).get();
    if (!m) return null;
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return incidentWebhook(
      pctx,
      webhookIncident(toSpMaintenance(loadMaintenances(db, [m])[0], ctx), {
        backfilled: m.scheduledUntil <= m.createdAt,
        scheduled_for: iso(m.scheduledFor),
        scheduled_until: iso(m.scheduledUntil),
        scheduled_remind_prior: m.remindPriorMinutes !== null,
        scheduled_reminded_at: iso(m.remindedAt),
        scheduled_auto_in_progress: true,
        scheduled_auto_completed: true,
        postmortem_body_last_updated_at: null,
        postmortem_notified_subscribers: false,
      }),
    );
  }
  const row = db.select().from(incidents).where(eq(incidents.id, Number(change.entityId))).get();
  if (!row || row.draft) return null;
  return incidentWebhook(
    pctx,
    webhookIncident(toSpIncident(loadIncidents(db, [row])[0], ctx), {
      // Statuspage's "backfilled": entered after the fact (started well before it was recorded)
      backfilled: row.startedAt < row.createdAt - 60_000,
      scheduled_for: null,
      scheduled_until: null,
      scheduled_remind_prior: null,
      scheduled_reminded_at: null,
      scheduled_auto_in_progress: null,
      scheduled_auto_completed: null,
      postmortem_body_last_updated_at: row.postmortemPublishedAt !== null && row.postmortemUpdatedAt !== null ? new Date(row.postmortemUpdatedAt).toISOString() : null,
      postmortem_notified_subscribers: row.postmortemPublishedAt !== null,
    }),
  );
}

type Sub = typeof webhookSubscribers.$inferSelect;

/** Each subscriber's selection, and each component's group and slug, read once per batch. */
function audienceOf(db: Db) {
  const comps = db.select({ id: components.id, groupId: components.groupId, slug: components.slug }).from(components).all();
  const chosen = db.select().from(webhookSubscriberComponents).all();
  const groups = db.select().from(webhookSubscriberGroups).all();
  return {
    pageName: getSettings(db).pageName,
    groupOf: new Map(comps.map((c) => [c.id, c.groupId])),
    slugOf: new Map(comps.map((c) => [String(c.id), c.slug])),
    following: (s: Sub): Following => ({ all: s.allComponents, componentIds: chosen.filter((r) => r.subscriberId === s.id).map((r) => r.componentId), groupIds: groups.filter((r) => r.subscriberId === s.id).map((r) => r.groupId) }),
  };
}

/** The body in the subscriber's format: Statuspage JSON, or the chat service's message. */
function formatBody(format: Sub['format'], payload: ChangePayload, pageName: string, siteUrl: string, slugOf: Map<string, string>): string {
  return channelBody(format, () => payload, () => chatFacts(payload, pageName, (id) => `${siteUrl}/components/${slugOf.get(id) ?? ''}`));
}

/** Processes changes after the stored cursor; returns how many deliveries were queued. Safe with several workers. */
export function fanOutChanges(db: Db, now: number): number {
  // cheap read first: the timer calls this every second and a write transaction would take the lock each time
  const max = currentChangeId(db);
  const seen = getSettings(db).webhookCursor;
  if (seen !== null && seen >= max) return 0;
  return tx(db, () => {
    const cursor = getSettings(db).webhookCursor;
    if (cursor === null) {
      // first run: start from now rather than replaying all history to subscribers
      const latest = currentChangeId(db);
      putSetting(db, 'webhookCursor', latest);
      return 0;
    }
    const changes = db.select().from(changeLog).where(gt(changeLog.id, cursor)).orderBy(asc(changeLog.id)).limit(BATCH).all();
    if (changes.length === 0) return 0;
    let queued = 0;
    const relevant = changes.filter((c) => KINDS.has(c.kind));
    if (relevant.length) {
      const ctx = loadSpContext(db, now);
      const audience = audienceOf(db);
      for (const change of relevant) {
        // public subscribers hear only of changes after they confirmed
        const live = or(eq(webhookSubscribers.source, 'admin'), lte(webhookSubscribers.confirmedAt, change.at));
        const subs = db.select().from(webhookSubscribers).where(and(eq(webhookSubscribers.enabled, true), lte(webhookSubscribers.createdAt, change.at), live)).all();
        if (subs.length === 0) continue;
        const payload = buildPayload(db, ctx, change, now);
        if (!payload) continue;
        const affected = payloadComponentIds(payload);
        const bodies = new Map<string, string>();
        for (const s of subs) {
          if (!follows(audience.following(s), affected, audience.groupOf)) continue;
          const body = bodies.get(s.format) ?? formatBody(s.format, payload, audience.pageName, ctx.siteUrl, audience.slugOf);
          bodies.set(s.format, body);
          db.insert(webhookDeliveries).values({ subscriberId: s.id, changeId: change.id, payload: body, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now }).run();
          queued++;
        }
      }
    }
    putSetting(db, 'webhookCursor', changes[changes.length - 1].id);
    return queued;
  });
}
