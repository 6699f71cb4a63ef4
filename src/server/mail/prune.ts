/** Deletes sent and given-up mail older than the retention: a 50,000-subscriber notification is ~200 MB of rows. */
import type { Db } from '../db';
import { PRUNE_BATCH, pruneFinished } from '../queries/prune-rows';

/** Deletes at most a bounded number of rows, one short transaction per batch; returns how many went. */
export function pruneMail(db: Db, now: number, retentionDays: number, batch = PRUNE_BATCH): number {
  return pruneFinished(db, { table: 'mail_outbox', finished: ['sent', 'failed'], finishedAt: 'sent_at' }, now, retentionDays, batch);
}
