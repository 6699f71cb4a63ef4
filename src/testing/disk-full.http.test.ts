/**
 * Disk full, for real: the database lives on a small tmpfs that a junk file fills. Writes must answer 503
 * (JSON for the API, an HTML page for the admin), /healthz must say why, nothing acknowledged may be lost,
 * and once space is freed writes succeed and /healthz recovers. Needs root to mount (CI runs as root).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../server/auth/sessions';
import { createComponent } from '../server/services/components';
import { createApiKey, createUser } from '../server/services/users';
import { seedDatabase, startServer, testTempRoot, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const root = fs.mkdtempSync(path.join(testTempRoot(), 'statuspage-diskfull-'));
const mounted = process.getuid?.() === 0 && mountTmpfs(root, '6m');
const dbPath = path.join(root, 'status.db');
const junk = path.join(root, 'junk');
let server: RunningServer | undefined;
let apiKey = '';
let cookie = '';

/** Writes junk until the file system refuses (ENOSPC). */
function fillDisk(): void {
  const fd = fs.openSync(junk, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
}

async function until<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const health = async () => {
  const res = await fetch(`${server!.baseURL}/healthz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean; detail: string }> } };
};

const postIncident = (title: string) =>
  fetch(`${server!.baseURL}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: title, status: 'investigating', impact: 'minor', body: `${title}: ${'details '.repeat(400)}`, components: { api: 'degraded_performance' } }),
  });

beforeAll(async () => {
  if (!mounted) return;
  seedDatabase(dbPath, (db) => {
    const actor = cliActor('test');
    const now = Date.now();
    createComponent(db, { name: 'API', slug: 'api' }, actor, now);
    apiKey = createApiKey(db, 'disk', actor, now).key;
    const admin = createUser(db, { email: 'disk@example.com', password: 'a long enough password', role: 'admin' }, actor, now);
    cookie = `sp_session=${createSession(db, admin.id, now, 3_600_000)}`;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'silent' } });
});

afterAll(async () => {
  await server?.stop();
  if (mounted) execFileSync('umount', [root]);
  fs.rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk', () => {
  it('answers 503 and turns /healthz unhealthy, loses nothing acknowledged, and recovers when space is freed', { timeout: 60_000 }, async () => {
    expect((await health()).status).toBe(200);
    const acknowledged: string[] = [];
    const refused: string[] = [];
    expect((await postIncident('before the disk filled')).status).toBe(201);
    acknowledged.push('before the disk filled');

    fillDisk();
    // The WAL may still have room for a few commits; write until the database refuses.
    let refusal: Response | null = null;
    for (let i = 0; i < 500 && !refusal; i++) {
      const title = `while full ${i}`;
      const res = await postIncident(title);
      if (res.status === 201) acknowledged.push(title);
      else {
        refused.push(title);
        expect(res.status).toBe(503);
        refusal = res;
      }
    }
    expect(refusal, 'no write was refused on a full disk').not.toBeNull();
    expect(refusal!.headers.get('content-type')).toMatch(/application\/json/);
    expect(await refusal!.json()).toMatchObject({ error: { code: 'storage_unavailable', message: expect.stringMatching(/Nothing was saved/) } });

    const sick = await health();
    expect(sick.status).toBe(503);
    expect(sick.body.checks.storage).toMatchObject({ ok: false, detail: expect.stringMatching(/SQLITE_(FULL|IOERR)/) });

    // An operator's form comes back with the reason and everything typed, not a 500 or an empty body.
    const form = await fetch(`${server!.baseURL}/admin/incidents/new`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server!.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'from the form while full', impact: 'minor', status: 'investigating', body: 'x'.repeat(4000), idempotency_key: 'disk-full-form' }),
    });
    refused.push('from the form while full');
    expect(form.status).toBe(503);
    expect(form.headers.get('content-type')).toMatch(/text\/html/);
    const formHtml = await form.text();
    expect(formHtml).toMatch(/Nothing was saved/);
    expect(formHtml).toContain('value="from the form while full"');
    // Public pages still read.
    expect((await fetch(`${server!.baseURL}/api/v2/summary.json`)).status).toBe(200);

    fs.unlinkSync(junk);
    expect((await postIncident('after space was freed')).status).toBe(201);
    acknowledged.push('after space was freed');
    const healed = await until(async () => {
      const h = await health();
      return h.status === 200 ? h : null;
    }, '/healthz to recover');
    expect(healed.body.checks.storage.ok).toBe(true);

    await server!.stop();
    server = undefined;
    const reader = new Database(dbPath, { readonly: true });
    const titles = new Set((reader.prepare('SELECT title FROM incidents').pluck().all() as string[]));
    reader.close();
    expect(acknowledged.filter((t) => !titles.has(t))).toEqual([]);
    expect(refused.filter((t) => titles.has(t))).toEqual([]);
  });
});
