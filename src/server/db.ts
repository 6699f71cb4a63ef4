/** Opens the SQLite database (WAL, foreign keys, busy timeout), applies migrations, and shares one handle per process. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema';
import { getConfig } from './config';
import { upgradeHistory } from './services/upgrade-history';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Finds db/migrations by walking up from this file, so it works from src/ and from a bundled dist/. */
export function migrationsFolder(): string {
  if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'db', 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('db/migrations not found near the build; set MIGRATIONS_DIR');
}

/** Opens a database file with the pragmas every connection needs and migrates it. */
export function openDatabase(file: string, opts: { migrate?: boolean; readonly?: boolean; verbose?: (sql?: unknown) => void } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // verbose receives every executed statement (tests count them).
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, verbose: opts.verbose });
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit acknowledged to an operator is on disk before we answer (survives kill -9 and power loss).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  if (opts.migrate !== false && !opts.readonly) {
    migrate(db, { migrationsFolder: migrationsFolder() });
    upgradeHistory(db, Date.now());
  }
  return db;
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

/** Runs fn in an IMMEDIATE transaction so concurrent writers queue on the busy timeout instead of failing. */
export function tx<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

export { schema };
