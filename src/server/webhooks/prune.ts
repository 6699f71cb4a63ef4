/** Deletes finished webhook deliveries (delivered or given up) older than the retention, in bounded batches. */
import type { Db } from '../db';
import { PRUNE_BATCH, pruneFinished } from '../queries/prune-rows';


/** Deletes at most a bounded number of rows, one short transaction per batch; returns how many went. */
export function pruneDeliveries(db: Db, now: number, retentionDays: number, batch = PRUNE_BATCH): number {
  return pruneFinished(db, { table: 'webhook_deliveries', finished: ['delivered', 'failed'], finishedAt: 'delivered_at' }, now, retentionDays, batch);
}
