/** Retention of the webhook delivery queue: finished rows go, pending ones stay. */
import type { Db } from '../db';
import { prepared } from './prepared';

// Pending rows are never touched, however old: they may still be sent.
const deleteFinishedQ = prepared((db) =>
  db.$client.prepare(
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE status IN ('delivered', 'failed') AND coalesce(delivered_at, created_at) < ?
       LIMIT ?)`,
  ),
);

/** Deletes up to `limit` delivered or given-up deliveries finished before `cutoff`; returns how many went. */
export function deleteFinishedDeliveries(db: Db, cutoff: number, limit: number): number {
  return deleteFinishedQ(db).run(cutoff, limit).changes;
}
