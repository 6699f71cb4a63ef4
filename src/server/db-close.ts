/** Closing the database at a process's end, so commands and jobs never reach for the driver themselves. */
import type { Db } from './db';

/** Folds the write-ahead log back into the file (PASSIVE: never waits on readers), then closes the connection. */
export function closeDatabase(db: Db, { checkpoint = false }: { checkpoint?: boolean } = {}): void {
  if (checkpoint) db.$client.pragma('wal_checkpoint(PASSIVE)');
  db.$client.close();
}
