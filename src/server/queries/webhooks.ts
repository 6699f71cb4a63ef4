/** Reads for the webhooks admin page. */
import { desc, eq, sql } from 'drizzle-orm';
import { changeLog, webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import type { Db } from '../db';

export function listSubscribers(db: Db) {
  return db.select().from(webhookSubscribers).orderBy(desc(webhookSubscribers.createdAt), desc(webhookSubscribers.id)).all();
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
      event: sql<string | null>`COALESCE(json_extract(${webhookDeliveries.payload}, '$.meta.event'), ${changeLog.kind})`,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
    .leftJoin(changeLog, eq(changeLog.id, webhookDeliveries.changeId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all();
}
