/** The health check's two reads: can the database answer, and how many migrations has it applied. */
import type { Db } from '../db';

/** Throws when the database cannot answer a trivial query. */
export function pingDatabase(db: Db): void {
  db.$client.prepare('SELECT 1').get();
}

/** How many migrations drizzle recorded as applied. */
export function countAppliedMigrations(db: Db): number {
  return db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
}
