/** Reads for the webhooks admin page. */
import { desc, eq, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookSubscribers } from '../../../db/schema';
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
      event: sql<string | null>`json_extract(${webhookDeliveries.payload}, '$.meta.event')`,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all();
}
