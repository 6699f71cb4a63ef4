/** What a restore accepts: a healthy SQLite file written by this application at a version this build knows. */

/** What was read from a candidate backup file. */
export interface BackupFacts {
  bytes: number;
  /** First line of PRAGMA integrity_check ('ok' when healthy). */
  integrity: string;
  tables: readonly string[];
  /** created_at of each row of the backup's migration table. */
  migrations: readonly number[];
}

export const MIGRATION_TABLE = '__drizzle_migrations';

/** Why the file cannot replace the database (one sentence), or null when it can. */
export function backupRefusal(f: BackupFacts, knownMigrations: readonly number[]): string | null {
  if (f.bytes === 0) return 'it is empty (0 bytes)';
  if (f.integrity !== 'ok') return `it failed SQLite's integrity check (${f.integrity})`;
  if (!f.tables.includes(MIGRATION_TABLE) || f.migrations.length === 0) return 'it is not a database of this application (it has no migration history)';
  const unknown = f.migrations.filter((m) => !knownMigrations.includes(m)).length;
  if (unknown > 0) return `it was written by a newer version of this application (${unknown} migration${unknown === 1 ? '' : 's'} this version does not know)`;
  return null;
}

/** After upgrading the copy to this version: the schema's tables it still lacks, as a refusal, or null. */
export function schemaRefusal(tables: readonly string[], schemaTables: readonly string[]): string | null {
  const missing = schemaTables.filter((t) => !tables.includes(t));
  if (missing.length === 0) return null;
  return `it is not a database of this application (no table ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`;
}

/** The name of the file a restore keeps the replaced database in: status.db.before-restore-20260307T142501Z. */
export function beforeRestoreName(dbFile: string, now: number): string {
  return `${dbFile}.before-restore-${new Date(now).toISOString().replace(/[-:]|\.\d{3}/g, '')}`;
}
