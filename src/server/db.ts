/** Opens the SQLite database (WAL, foreign keys, busy timeout), applies migrations, and shares one handle per process. */
// Decision: docs/decisions/001-sqlite-one-file-one-writer.md
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema';
import { getConfig } from './config';
import { storageFailure } from './errors';
import { recordWriteFailure, recordWriteSuccess, storageProblem } from './storage-health';
import { cachingClient } from './statement-cache';
import { createPrivateFile } from './private-files';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Finds db/migrations by walking up from this file, so it works from src/ and from a bundled dist/. */
export function migrationsFolder(): string {
  const configured = getConfig().migrationsDir;
  if (configured) return configured;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'db', 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('db/migrations not found near the build; set MIGRATIONS_DIR');
}

/** The settings key saying the history is kept as declarations (services/upgrade-history.ts converts older files). */
export const HISTORY_MODEL_KEY = 'historyModel';

/** Applies pending migrations; a file created here starts with the current history model, so there is nothing to convert. */
function migrateDatabase(db: Db): void {
  const created = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() === undefined;
  migrate(db, { migrationsFolder: migrationsFolder() });
  if (created) db.$client.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(HISTORY_MODEL_KEY, JSON.stringify('declarations'));
  // Issue 24: an install without pages becomes one public default page showing every component, named by the settings.
  db.$client
    .prepare("INSERT OR IGNORE INTO pages (slug, name, is_default, all_components) SELECT 'default', 'Default page', 1, 1 WHERE NOT EXISTS (SELECT 1 FROM pages WHERE is_default = 1)")
    .run();
}

/** Opens a database file with the pragmas every connection needs and migrates it. */
export function openDatabase(file: string, opts: { migrate?: boolean; readonly?: boolean; verbose?: (sql?: unknown) => void } = {}): Db {
  if (!opts.readonly) createPrivateFile(file);
  // verbose receives every executed statement (tests count them).
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, verbose: opts.verbose });
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit acknowledged to an operator is on disk before we answer (survives kill -9 and power loss).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // drizzle prepares through a statement cache; $client stays the plain connection for code that prepares its own.
  const db: Db = drizzle(cachingClient(sqlite), { schema });
  db.$client = sqlite;
  if (opts.migrate !== false && !opts.readonly) migrateDatabase(db);
  return db;
}

/** Closes the connection; on a clean shutdown a passive checkpoint first folds the WAL back into the file. */
export function closeDatabase(db: Db, opts: { checkpoint?: boolean } = {}): void {
  if (opts.checkpoint) db.$client.pragma('wal_checkpoint(PASSIVE)');
  db.$client.close();
}

const KEY = Symbol.for('statuspage.db');
type G = typeof globalThis & { [KEY]?: Db };

/** The process-wide database (shared by the front server and Astro's bundle through globalThis). */
export function getDb(): Db {
  const g = globalThis as G;
  return (g[KEY] ??= openDatabase(getConfig().databasePath));
}

/** Replaces the process-wide database (tests and CLIs that open a chosen file). */
export function setDb(db: Db | undefined): void {
  (globalThis as G)[KEY] = db;
}

const totalChanges = new WeakMap<Database.Database, Database.Statement>();
function changesSoFar(sqlite: Database.Database): number {
  let st = totalChanges.get(sqlite);
  if (!st) totalChanges.set(sqlite, (st = sqlite.prepare('SELECT total_changes()').pluck()));
  return st.get() as number;
}

/**
 * Runs fn in an IMMEDIATE transaction so concurrent writers queue on the busy timeout instead of failing.
 * A storage failure (disk full, read-only…) rolls back and throws StorageUnavailableError (503), and marks
 * storage unhealthy until a transaction that changed rows commits again.
 */
export function tx<T>(db: Db, fn: () => T): T {
  const failing = storageProblem() !== null;
  const before = failing ? changesSoFar(db.$client) : 0;
  let result: T;
  try {
    result = db.$client.transaction(fn).immediate();
  } catch (err) {
    const failure = storageFailure(err);
    if (!failure) throw err;
    recordWriteFailure(failure.reason);
    throw failure;
  }
  if (failing && changesSoFar(db.$client) > before) recordWriteSuccess();
  return result;
}

/** While writes fail, a tiny committed write that tells whether the database accepts writes again. */
export function probeWrite(db: Db): boolean {
  try {
    tx(db, () => {
      db.$client.prepare("INSERT INTO settings (key, value) VALUES ('storageProbe', '0') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
      db.$client.prepare("DELETE FROM settings WHERE key = 'storageProbe'").run();
    });
    return true;
  } catch (err) {
    if (storageFailure(err)) return false;
    throw err;
  }
}

export { schema };
