/** The database, its WAL/SHM, backups and restored files are owner-only whatever the umask; start-up names exposed files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComponent } from './services/components';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../testing/server-harness';
import { signInCookie } from '../testing/http-helpers';
import { cliActor } from './services/actor';

const actor = cliActor('test');
const CLI = path.resolve('dist/cli/backup.mjs');
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
const roots: string[] = [];
let umask: number;

/** A fresh folder whose sub-folders do not exist yet (so this application creates them). */
function freshRoot(): string {
  const root = path.dirname(tempDbPath());
  roots.push(root);
  return root;
}

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Children inherit the umask: with none at all, everything the application creates must still be owner-only.
beforeAll(() => {
  umask = process.umask(0o000);
});
afterAll(() => {
  process.umask(umask);
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

describe('files are private whatever the umask', () => {
  let server: RunningServer | undefined;
  afterAll(async () => server?.stop());

  it('the server creates its folder 0700 and the database, WAL and SHM 0600', async () => {
    const dbPath = path.join(freshRoot(), 'data', 'nested', 'status.db');
    server = await startServer({ dbPath, env: { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'correct horse battery' } });
    // A sign-in writes a session: the WAL and SHM exist now.
    await signInCookie(server.baseURL, 'ops@example.com', 'correct horse battery');
    await until('the WAL', () => fs.existsSync(`${dbPath}-wal`) && fs.existsSync(`${dbPath}-shm`));
    expect([mode(dbPath), mode(`${dbPath}-wal`), mode(`${dbPath}-shm`)]).toEqual(['600', '600', '600']);
    expect([mode(path.dirname(dbPath)), mode(path.dirname(path.dirname(dbPath)))]).toEqual(['700', '700']);
    expect(server.output()).not.toMatch(/readable by others/);
    await server.stop();
    server = undefined;
  });

  it('npm run backup writes the backup (and the folder it creates) owner-only, and restore the restored database', () => {
    const root = freshRoot();
    const dbPath = path.join(root, 'status.db');
    seedDatabase(dbPath, (db) => createComponent(db, { name: 'API' }, actor, Date.now()));
    const backup = path.join(root, 'backups', 'monday.db');
    const run = (verb: string, file: string, db: string) => spawnSync(process.execPath, [CLI, verb, file], { env: { ...process.env, DATABASE_PATH: db }, encoding: 'utf8' });
    expect(run('backup', backup, dbPath).status).toBe(0);
    expect([mode(backup), mode(path.dirname(backup))]).toEqual(['600', '700']);

    // The backup copied elsewhere by a careless tool: the restored database is private all the same.
    fs.chmodSync(backup, 0o644);
    const target = path.join(root, 'restored', 'status.db');
    const restored = run('restore', backup, target);
    expect(restored.stderr).toBe('');
    expect([mode(target), mode(path.dirname(target))]).toEqual(['600', '700']);
    // Restoring over a database keeps the old one, private too.
    fs.chmodSync(target, 0o644);
    expect(run('restore', backup, target).status).toBe(0);
    const kept = fs.readdirSync(path.dirname(target)).filter((n) => n.includes('before-restore'));
    expect(kept.map((n) => mode(path.join(path.dirname(target), n)))).toEqual(['600']);
  });
});

describe('start-up', () => {
  it('warns once per database file (and copy a restore kept) that others can read', async () => {
    const dbPath = path.join(freshRoot(), 'status.db');
    seedDatabase(dbPath);
    fs.chmodSync(dbPath, 0o644);
    const kept = `${dbPath}.before-restore-20260101T000000Z`;
    fs.copyFileSync(dbPath, kept);
    fs.chmodSync(kept, 0o640);
    const server = await startServer({ dbPath });
    try {
      const warnings = await until('the warnings', () => {
        const lines = server.output().split('\n').filter((l) => l.includes('readable by others'));
        return lines.length >= 1 ? lines : null;
      });
      expect(warnings.filter((l) => l.includes(`"file":${JSON.stringify(dbPath)}`))).toHaveLength(1);
      expect(warnings[0]).toMatch(/"level":"warn".*"mode":"644"/);
      expect(warnings.filter((l) => l.includes(`"file":${JSON.stringify(kept)}`) && l.includes('"mode":"640"'))).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });
});
