/** Deletes finished outbox rows (sent, delivered or given up) older than a retention, in bounded batches. */
import { MS_PER_DAY } from '../../domain/constants';
import type { Db } from '../db';
import { tx } from '../db';

export const PRUNE_BATCH = 500;
const MAX_BATCHES = 20;

export interface FinishedRows {
  table: 'webhook_deliveries' | 'mail_outbox';
  /** Statuses that are final; pending rows are never touched, however old: they may still be sent. */
  finished: readonly string[];
  /** When a row finished (falls back to created_at). */
  finishedAt: string;
}

/** Deletes at most MAX_BATCHES × batch rows, one short transaction per batch; returns how many went. */
export function pruneFinished(db: Db, rows: FinishedRows, now: number, retentionDays: number, batch = PRUNE_BATCH): number {
  const del = db.$client.prepare(
    `DELETE FROM ${rows.table} WHERE id IN (
       SELECT id FROM ${rows.table}
       WHERE status IN (${rows.finished.map(() => '?').join(', ')}) AND coalesce(${rows.finishedAt}, created_at) < ?
       LIMIT ?)`,
  );
  const cutoff = now - retentionDays * MS_PER_DAY;
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = tx(db, () => del.run(...rows.finished, cutoff, batch).changes);
    total += n;
    if (n < batch) break;
  }
  return total;
}
