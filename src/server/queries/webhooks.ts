/** Reads for the webhooks admin page. */
import { desc, eq, sql } from 'drizzle-orm';
import { changeLog, webhookDeliveries, webhookSubscriberComponents, webhookSubscriberGroups, webhookSubscribers } from '../../../db/schema';
import { TEST_CHANGE_ID, TEST_EVENT } from '../../domain/webhook';
import type { Db } from '../db';

/** Every subscriber with the components and groups it follows (both empty: everything). */
export function listSubscribers(db: Db) {
  const rows = db.select().from(webhookSubscribers).orderBy(desc(webhookSubscribers.createdAt), desc(webhookSubscribers.id)).all();
  const comps = db.select().from(webhookSubscriberComponents).all();
  const groups = db.select().from(webhookSubscriberGroups).all();
  return rows.map((r) => ({ ...r, components: comps.filter((c) => c.subscriberId === r.id).map((c) => c.componentId), groups: groups.filter((g) => g.subscriberId === r.id).map((g) => g.groupId) }));
}

/** The components and groups one subscriber follows. */
export function selectionOf(db: Db, id: number): { components: number[]; groups: number[] } {
  return {
    components: db.select({ id: webhookSubscriberComponents.componentId }).from(webhookSubscriberComponents).where(eq(webhookSubscriberComponents.subscriberId, id)).all().map((r) => r.id),
    groups: db.select({ id: webhookSubscriberGroups.groupId }).from(webhookSubscriberGroups).where(eq(webhookSubscriberGroups.subscriberId, id)).all().map((r) => r.id),
  };
}

/** The most recent deliveries with their subscriber's URL. */
export function listDeliveries(db: Db, limit = 50) {
  return db
    .select({
      id: webhookDeliveries.id,
      url: webhookSubscribers.url,
      changeId: webhookDeliveries.changeId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      // chat bodies carry no meta: the change's kind names them
      event: sql<string | null>`COALESCE(json_extract(${webhookDeliveries.payload}, '$.meta.event'), ${changeLog.kind}, CASE WHEN ${webhookDeliveries.changeId} = ${TEST_CHANGE_ID} THEN ${TEST_EVENT} END)`,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
    .leftJoin(changeLog, eq(changeLog.id, webhookDeliveries.changeId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all();
}
