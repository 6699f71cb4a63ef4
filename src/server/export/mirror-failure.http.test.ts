/** A page that fails to render (a real one: a damaged row makes it throw) keeps its mirror file; the export reports itself failed and EXPORT_COMMAND waits. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCookie } from '../../testing/http-helpers';
import { healthOf, startCommandServer, stopCommandServer, until, type CommandServer } from '../../testing/command-server';
import { seedDatabase, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import type { Db } from '../db';
import { createIncident } from '../services/incidents';
import { setComponentStatus } from '../services/components';

let fixture: CommandServer | undefined;
let server: RunningServer;
let writer: Db;
let tmp: string;
let dir: string;
let api: number;

const health = () => healthOf(server);
const runs = () => (fs.existsSync(path.join(tmp, 'runs')) ? fs.readFileSync(path.join(tmp, 'runs'), 'utf8').split('\n').filter(Boolean).length : 0);
const read = (rel: string) => fs.readFileSync(path.join(dir, rel));
const manifest = () => JSON.parse(read('mirror.json').toString('utf8')) as { changeId: number; files: string[] };

beforeAll(async () => {
  // The command stands for `aws s3 sync --delete`: it publishes whatever the folder holds.
  fixture = await startCommandServer(
    'statuspage-mirror-failure-',
    (t) => ({ EXPORT_DIR: path.join(t, 'site'), EXPORT_COMMAND: `echo run >> "${t}/runs"`, ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'correct horse battery' }),
    (db) => void createIncident(db, { title: 'Slow logins', impact: 'minor', status: 'investigating', body: 'Looking.', components: {} }, TEST_ACTOR, Date.now()),
  );
  ({ server, writer, tmp } = fixture);
  dir = path.join(tmp, 'site');
  api = fixture.components.api;
});
afterAll(() => stopCommandServer(fixture));

describe('a page that fails to render', () => {
  it('keeps its previous file, fails the export on /healthz and /admin, and the command waits for a good export', async () => {
    await until('the first export and its command', () => runs() === 1 && fs.existsSync(path.join(dir, 'mirror.json')));
    const home = read('index.html');
    const summary = read('api/v2/summary.json');
    const changeBefore = manifest().changeId;

    // A damaged update time makes the home page, the summary and the incident pages throw (the admin list does not read it).
    const raw = new Database(server.dbPath);
    const saved = raw.prepare('SELECT id, display_at AS at FROM incident_updates').all() as { id: number; at: number }[];
    raw.prepare("UPDATE incident_updates SET display_at = 'garbage'").run();
    setComponentStatus(writer, api, 'degraded_performance', TEST_ACTOR, Date.now());

    const failing = await until('a failed export on /healthz', async () => {
      const h = await health();
      return h.checks.mirror && !h.checks.mirror.ok ? h : null;
    });
    expect(failing.status).toBe('ok');
    expect(failing.checks.mirror.detail).toMatch(/is not current: \d+ pages failed to render \(.*\/api\/v2\/summary\.json/);
    expect(failing.checks.mirror.detail).toMatch(/\(\/, /);
    expect(read('index.html').equals(home)).toBe(true);
    expect(read('api/v2/summary.json').equals(summary)).toBe(true);
    expect(manifest().files).toEqual(expect.arrayContaining(['index.html', 'api/v2/summary.json']));
    expect(manifest().changeId).toBe(changeBefore);
    // Pages that did render carry the change.
    expect(read('components/api/index.html').toString('utf8')).toMatch(/Degraded performance/i);
    expect(runs()).toBe(1);
    const cookie = await signInCookie(server.baseURL, 'ops@example.com', 'correct horse battery');
    const admin = await (await fetch(server.baseURL + '/admin', { headers: { cookie } })).text();
    expect(admin).toMatch(/id="mirror-problem"[^>]*>The static mirror in .* is not current: \d+ pages failed to render/);

    // Repaired: a retry (no new change needed) renders every page, and only then is the folder published.
    const put = raw.prepare('UPDATE incident_updates SET display_at = ? WHERE id = ?');
    for (const u of saved) put.run(u.at, u.id);
    raw.close();
    await until('a recovered mirror', async () => (await health()).checks.mirror.ok);
    expect(manifest().changeId).toBeGreaterThan(changeBefore);
    expect(read('index.html').equals(home)).toBe(false);
    expect(read('index.html').toString('utf8')).toMatch(/Degraded performance/i);
    await until('the command after the good export', () => runs() === 2);
  });
});

describe('npm run export', () => {
  it('exits 1 naming the pages that failed to render, and keeps the previous files', () => {
    const dbPath = tempDbPath();
    seedDatabase(dbPath, (db) => {
      seedComponents(db, Date.now());
      createIncident(db, { title: 'Slow logins', impact: 'minor', status: 'investigating', body: 'Looking.', components: {} }, TEST_ACTOR, Date.now());
    });
    const out = path.join(path.dirname(dbPath), 'site');
    const exportTo = () => spawnSync(process.execPath, ['dist/cli/export.mjs', out], { env: { ...process.env, DATABASE_PATH: dbPath, MONITORS: 'off' }, encoding: 'utf8' });
    try {
      expect(exportTo().status).toBe(0);
      const home = fs.readFileSync(path.join(out, 'index.html'));
      const raw = new Database(dbPath);
      raw.prepare("UPDATE incident_updates SET display_at = 'garbage'").run();
      raw.close();
      const failed = exportTo();
      expect(failed.status).toBe(1);
      // Astro logs each page's error as it happens; the verdict is the last line.
      expect(failed.stderr.trim().split('\n').at(-1)).toMatch(/^Export to .* failed: \d+ pages failed to render \(\/, /);
      expect(fs.readFileSync(path.join(out, 'index.html')).equals(home)).toBe(true);
      expect(fs.existsSync(path.join(out, 'api/v2/summary.json'))).toBe(true);
    } finally {
      fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
    }
  });
});
