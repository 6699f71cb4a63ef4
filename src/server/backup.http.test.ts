/** Online backup under write load, restore into a new path, refusal while the server runs. */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from './db';
import { createComponent, setComponentStatus } from './services/components';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../testing/server-harness';
import { cliActor } from './services/actor';

const actor = cliActor('test');
const CLI = path.resolve('dist/cli/backup.mjs');
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
});

function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const out = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
  db.close();
  return out;
}

describe('backup and restore', () => {
  it('backs up consistently while another connection writes, and restores into a new path', async () => {
    const dbPath = tempDbPath();
    const writer = openDatabase(dbPath);
    const c = createComponent(writer, { name: 'API' }, actor, Date.now());
    let writing = true;
    let writes = 0;
    const load = (async () => {
      const statuses = ['major_outage', 'degraded_performance', null] as const;
      while (writing) {
        setComponentStatus(writer, c.id, statuses[writes % 3], actor, Date.now());
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const backupFile = path.join(path.dirname(dbPath), 'backup.db');
    const { backupDatabase } = await import('./backup');
    await backupDatabase(dbPath, backupFile);
    writing = false;
    await load;
    expect(writes).toBeGreaterThan(0);
    const b = new Database(backupFile, { readonly: true });
    expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
    // The copy is a consistent snapshot: every closed interval has its rollup, one open interval.
    expect(b.prepare('SELECT count(*) FROM status_intervals WHERE ended_at IS NULL').pluck().get()).toBe(1);
    b.close();
    writer.$client.close();

    const target = tempDbPath();
    const out = execFileSync(process.execPath, [CLI, 'restore', backupFile], { env: { ...process.env, DATABASE_PATH: target } }).toString();
    expect(out).toContain('Restored');
    expect(tableCounts(target)).toEqual(tableCounts(backupFile));
  });

  it('npm run backup works against a running server, and restore refuses to overwrite its database', async () => {
    const dbPath = tempDbPath();
    seedDatabase(dbPath, (db) => createComponent(db, { name: 'Web' }, actor, Date.now()));
    server = await startServer({ dbPath });
    const backupFile = path.join(path.dirname(dbPath), 'live-backup.db');
    const ok = spawnSync(process.execPath, [CLI, 'backup', backupFile], { env: { ...process.env, DATABASE_PATH: dbPath } });
    expect(ok.status).toBe(0);
    expect(tableCounts(backupFile).components).toBe(1);
    const refused = spawnSync(process.execPath, [CLI, 'restore', backupFile], { env: { ...process.env, DATABASE_PATH: dbPath } });
    expect(refused.status).toBe(1);
    expect(refused.stderr.toString()).toMatch(/Refusing to restore: server \(pid \d+\)/);
    await server.stop();
    server = undefined;
    const after = spawnSync(process.execPath, [CLI, 'restore', backupFile], { env: { ...process.env, DATABASE_PATH: dbPath } });
    expect(after.status).toBe(0);
  });
});
