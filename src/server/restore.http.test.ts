/** npm run restore through the built CLI on real files: what is not this application's database is refused in one line; the previous file is kept. */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createComponent } from './services/components';
import { seedDatabase, tempDbPath } from '../testing/server-harness';
import { cliActor } from './services/actor';

const actor = cliActor('test');
const CLI = path.resolve('dist/cli/backup.mjs');

function restore(dbPath: string, file: string) {
  const r = spawnSync(process.execPath, [CLI, 'restore', file], { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function componentNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT name FROM components ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** A live database with one component, and the folder it lives in (removed by the caller). */
function liveDatabase(name: string): { dbPath: string; dir: string } {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createComponent(db, { name }, actor, Date.now()));
  return { dbPath, dir: path.dirname(dbPath) };
}

function unrelatedSqlite(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'hello\')');
  db.close();
}

function newerVersionBackup(file: string): void {
  seedDatabase(file, (db) => createComponent(db, { name: 'Future' }, actor, Date.now()));
  const db = new Database(file);
  db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), 4_102_444_800_000);
  db.close();
}

const refusals: [string, (file: string, live: string) => void, RegExp][] = [
  ['an empty (0-byte) file', (f) => fs.writeFileSync(f, ''), /is empty/],
  ['random bytes', (f) => fs.writeFileSync(f, crypto.randomBytes(8192)), /not a SQLite database/],
  ['a truncated backup', (f, live) => fs.writeFileSync(f, fs.readFileSync(live).subarray(0, 6000)), /not a SQLite database|integrity/],
  ['an unrelated SQLite database', (f) => unrelatedSqlite(f), /not a database of this application/],
  ['a backup from a newer version', (f) => newerVersionBackup(f), /newer version/],
  ['a folder', (f) => fs.mkdirSync(f), /not a file/],
];

describe('npm run restore refuses what is not this application’s database', () => {
  it.each(refusals)('%s: one line, non-zero exit, the live database untouched', (_what, make, message) => {
    const { dbPath, dir } = liveDatabase('Live');
    try {
      const bad = path.join(dir, 'bad-backup.db');
      make(bad, dbPath);
      const before = fs.readFileSync(dbPath);
      const r = restore(dbPath, bad);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
      expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
      expect(componentNames(dbPath)).toEqual(['Live']);
      expect(fs.readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run restore keeps the previous database', () => {
  it('moves the replaced file (with its WAL) beside it as status.db.before-restore-<time>', () => {
    const { dbPath, dir } = liveDatabase('Live');
    const source = liveDatabase('Restored');
    try {
      // A commit still only in the old WAL (a server killed with -9 leaves it there) must survive in the kept copy.
      const script = `const db = new (require('better-sqlite3'))(process.argv[1]); db.prepare("UPDATE components SET name = 'Live, renamed'").run(); process.kill(process.pid, 'SIGKILL');`;
      spawnSync(process.execPath, ['-e', script, dbPath]);
      expect(fs.statSync(dbPath + '-wal').size).toBeGreaterThan(0);

      const r = restore(dbPath, source.dbPath);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(componentNames(dbPath)).toEqual(['Restored']);
      const kept = fs.readdirSync(dir).filter((n) => /^status\.db\.before-restore-\d{8}T\d{6}Z$/.test(n));
      expect(kept).toHaveLength(1);
      expect(r.stdout).toContain(kept[0]);
      expect(componentNames(path.join(dir, kept[0]))).toEqual(['Live, renamed']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(source.dir, { recursive: true, force: true });
    }
  });
});
