/** Online backup (SQLite's backup API, consistent while the server writes) and offline restore. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { liveProcesses } from './process-registry';

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
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    await db.backup(tmp);
  } finally {
    db.close();
  }
  if (!integrityOk(tmp)) throw new BackupError('The backup failed its integrity check.');
  fs.renameSync(tmp, dest);
  return { bytes: fs.statSync(dest).size };
}

/** Replaces the database with a backup; refuses while any process has the database open. */
export function restoreDatabase(dbPath: string, source: string): void {
  const src = path.resolve(source);
  if (!fs.existsSync(src)) throw new BackupError(`No backup at ${src}.`);
  const running = liveProcesses(dbPath);
  if (running.length) {
    throw new BackupError(`Refusing to restore: ${running.map((p) => `${p.role} (pid ${p.pid})`).join(', ')} still uses ${dbPath}. Stop it first.`);
  }
  if (!integrityOk(src)) throw new BackupError(`${src} is not a healthy SQLite database.`);
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const tmp = `${dbPath}.restoring`;
  fs.copyFileSync(src, tmp);
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // The old database's WAL belongs to the old file: drop it before the new file takes its name.
  fs.rmSync(`${dbPath}-wal`, { force: true });
  fs.rmSync(`${dbPath}-shm`, { force: true });
  fs.renameSync(tmp, dbPath);
}
