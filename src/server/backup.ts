/** Online backup (SQLite's backup API, consistent while the server writes) and offline restore. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { backupRefusal, beforeRestoreName, MIGRATION_TABLE, schemaRefusal, type BackupFacts } from '../domain/restore-check';
import { closeDatabase, migrationsFolder, openDatabase, schema } from './db';
import { createPrivateFile, makePrivate, makePrivateDirs } from './private-files';
import { liveProcesses } from './process-registry';
import { upgradeHistory } from './services/upgrade-history';

export class BackupError extends Error {}

function integrityOk(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } finally {
    db.close();
  }
}

/** Copies the live database to `target` page by page and verifies the copy. */
export async function backupDatabase(dbPath: string, target: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(dbPath)) throw new BackupError(`No database at ${dbPath}.`);
  const dest = path.resolve(target);
  if (dest === path.resolve(dbPath)) throw new BackupError('The backup file cannot be the database itself.');
  makePrivateDirs(path.dirname(dest));
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  createPrivateFile(tmp);
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    // After the first step, copy the rest in one: SQLite restarts a stepped backup whenever another connection writes
    // between steps, so under a steady stream of writes a 100-page stepping may never finish. One step is one read
    // transaction, which in WAL mode never blocks the server's writes.
    await db.backup(tmp, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    db.close();
  }
  if (!integrityOk(tmp)) throw new BackupError('The backup failed its integrity check.');
  fs.renameSync(tmp, dest);
  makePrivate(dest);
  return { bytes: fs.statSync(dest).size };
}

function tablesOf(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
}

/** Reads what backupRefusal judges; a file SQLite cannot read at all is refused here. */
function readBackupFacts(file: string): BackupFacts {
  const bytes = fs.statSync(file).size;
  // SQLite opens an empty file as a new empty database: nothing to read.
  if (bytes === 0) return { bytes, integrity: 'ok', tables: [], migrations: [] };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = String((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check ?? 'no answer');
    const tables = tablesOf(db);
    const migrations = tables.includes(MIGRATION_TABLE) ? (db.prepare(`SELECT created_at FROM ${MIGRATION_TABLE}`).pluck().all() as number[]).map(Number) : [];
    return { bytes, integrity, tables, migrations };
  } catch (err) {
    throw new BackupError(`Refusing to restore from ${file}: it is not a SQLite database (${(err as Error).message}).`);
  } finally {
    db?.close();
  }
}

function knownMigrations(): number[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when);
}

const schemaTables = (): string[] => Object.values(schema).filter((v) => is(v, SQLiteTable)).map((t) => getTableName(t as SQLiteTable));

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** Brings the copy to this version (schema and history, as the server would at start) and checks every table is there. */
function upgradeCopy(tmp: string, src: string): void {
  let refusal: string | null;
  try {
    const db = openDatabase(tmp);
    try {
      upgradeHistory(db, Date.now());
      refusal = schemaRefusal(tablesOf(db.$client), schemaTables());
    } finally {
      closeDatabase(db);
    }
  } catch (err) {
    refusal = `it could not be upgraded to this version (${(err as Error).message})`;
  }
  if (refusal) {
    removeWithSidecars(tmp);
    throw new BackupError(`Refusing to restore from ${src}: ${refusal}.`);
  }
}

/** Moves the live database (and its WAL, which may hold commits) aside; the name it is kept under, or null. */
function keepPrevious(dbPath: string, now: number): string | null {
  if (!fs.existsSync(dbPath)) {
    fs.rmSync(`${dbPath}-wal`, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    return null;
  }
  const kept = beforeRestoreName(dbPath, now);
  // A hard link: the live name stays in place until the restored file replaces it in one rename.
  try {
    fs.linkSync(dbPath, kept);
  } catch {
    fs.copyFileSync(dbPath, kept);
  }
  makePrivate(kept);
  if (fs.existsSync(`${dbPath}-wal`)) fs.renameSync(`${dbPath}-wal`, `${kept}-wal`);
  fs.rmSync(`${dbPath}-shm`, { force: true });
  return kept;
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces the database with a backup of this application; refuses while any process has the database open.
 * The replaced database is kept beside it; returns its name (null when there was none).
 */
export function restoreDatabase(dbPath: string, source: string, now = Date.now()): { kept: string | null } {
  const src = path.resolve(source);
  if (!fs.existsSync(src)) throw new BackupError(`No backup at ${src}.`);
  if (!fs.statSync(src).isFile()) throw new BackupError(`Refusing to restore from ${src}: it is not a file.`);
  const running = liveProcesses(dbPath);
  if (running.length) {
    throw new BackupError(`Refusing to restore: ${running.map((p) => `${p.role} (pid ${p.pid})`).join(', ')} still uses ${dbPath}. Stop it first.`);
  }
  const refusal = backupRefusal(readBackupFacts(src), knownMigrations());
  if (refusal) throw new BackupError(`Refusing to restore from ${src}: ${refusal}.`);
  makePrivateDirs(path.dirname(dbPath));
  const tmp = `${dbPath}.restoring`;
  removeWithSidecars(tmp);
  fs.copyFileSync(src, tmp);
  makePrivate(tmp);
  upgradeCopy(tmp, src);
  fsyncFile(tmp);
  const kept = keepPrevious(dbPath, now);
  fs.renameSync(tmp, dbPath);
  return { kept };
}
