/** Deletes finished webhook deliveries (delivered or given up) older than the retention, in bounded batches. */
import { MS_PER_DAY } from '../../domain/constants';
import type { Db } from '../db';
import { tx } from '../db';

const PRUNE_BATCH = 500;
const MAX_BATCHES = 20;

/** Deletes at most MAX_BATCHES × batch rows, one short transaction per batch; returns how many went. */
export function pruneDeliveries(db: Db, now: number, retentionDays: number, batch = PRUNE_BATCH): number {
  // Pending rows are never touched, however old: they may still be sent.
  const del = db.$client.prepare(
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE status IN ('delivered', 'failed') AND coalesce(delivered_at, created_at) < ?
       LIMIT ?)`,
  );
  const cutoff = now - retentionDays * MS_PER_DAY;
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = tx(db, () => del.run(cutoff, batch).changes);
    total += n;
    if (n < batch) break;
  }
  return total;
}
