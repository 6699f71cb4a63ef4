/** A key acts with the lesser of its scope and its creator's current role; disabling the creator revokes it. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../server/auth/permissions';
import { NOT_IN_API, VERBS } from '../server/features/all-verbs';
import { SYSTEM } from '../server/services/actor';
import { createUser } from '../server/services/users';
import { dbFingerprint } from './db-fingerprint';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { invalidInputFor } from './verb-inputs';

let server: RunningServer;
let dbPath = '';
let holderId = 0;
let holderKey = '';
let bossKey = '';
let bossCookie = '';

/** Creates a key through the real /admin/api-keys form, as the signed-in user. */
async function keyFromForm(cookie: string, name: string, scope: string): Promise<string> {
  const page = await fetch(`${server.baseURL}/admin/api-keys`, {
    method: 'POST',
    headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _action: 'create', name, scope }),
  });
  return /data-testid="new-api-key">(sp_[^<]+)</.exec(await page.text())![1];
}

beforeAll(async () => {
  dbPath = tempDbPath('statuspage-key-holder-');
  seedDatabase(dbPath, (db) => {
    holderId = createUser(db, { email: 'holder@example.com', password: 'holder password', role: 'admin' }, SYSTEM, Date.now()).id;
    createUser(db, { email: 'boss@example.com', password: 'boss password', role: 'admin' }, SYSTEM, Date.now());
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  bossCookie = await signInCookie(server.baseURL, 'boss@example.com', 'boss password');
  holderKey = await keyFromForm(await signInCookie(server.baseURL, 'holder@example.com', 'holder password'), 'holder-admin-key', 'admin');
  bossKey = await keyFromForm(bossCookie, 'boss-admin-key', 'admin');
});
afterAll(async () => {
  await server?.stop();
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const verb = (key: string, name: string, body: unknown) =>
  fetch(`${server.baseURL}/api/v1/verbs/${name}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (key: string, p: string) => fetch(`${server.baseURL}/api/v1${p}`, { headers: { authorization: `Bearer ${key}` } });

function holderRow(): { role: string; disabled: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT role, disabled FROM users WHERE id = ?').get(holderId) as { role: string; disabled: number };
  } finally {
    db.close();
  }
}

const apiVerbs = [...VERBS.keys()].filter((n) => !NOT_IN_API.has(n)).sort();
const needed = (name: string) => PERMISSIONS.get(VERBS.get(name)!.permission);

describe('a key whose creator was demoted to editor', () => {
  beforeAll(async () => {
    expect((await verb(holderKey, 'component.create', { name: 'Made while admin' })).status).toBe(200);
    expect((await verb(bossKey, 'user.update', { user_id: holderId, role: 'editor', disabled: false })).status).toBe(200);
  });

  it('cannot promote its creator back', async () => {
    const res = await verb(holderKey, 'user.update', { user_id: holderId, role: 'admin', disabled: false });
    expect(res.status).toBe(403);
    expect(holderRow().role).toBe('editor');
  });

  it.each(apiVerbs)('%s: refused when admin-only, else reaches validation; nothing written', async (name) => {
    const before = dbFingerprint(dbPath);
    const res = await verb(holderKey, name, invalidInputFor(name));
    if (needed(name) === 'admin') expect(res.status).toBe(403);
    else expect([401, 403]).not.toContain(res.status);
    expect(dbFingerprint(dbPath)).toBe(before);
  });

  it('still does what an editor may', async () => {
    expect((await get(holderKey, '/components')).status).toBe(200);
    expect((await verb(holderKey, 'incident.create', { name: 'Editor work', impact: 'minor', status: 'investigating', body: 'Looking.' })).status).toBe(200);
  });

  it('the keys page shows its owner, what it acts as and its last use', async () => {
    const html = await (await fetch(`${server.baseURL}/admin/api-keys`, { headers: { cookie: bossCookie } })).text();
    const row = /<tr data-key="holder-admin-key">([\s\S]*?)<\/tr>/.exec(html)![1];
    expect(row).toContain('holder@example.com (editor)');
    expect(row).toContain('acts as editor');
    expect(row).not.toContain('never');
  });
});

describe('a key whose creator was disabled', () => {
  beforeAll(async () => {
    expect((await verb(bossKey, 'user.update', { user_id: holderId, role: 'editor', disabled: true })).status).toBe(200);
  });

  it('cannot create an admin user', async () => {
    const before = dbFingerprint(dbPath);
    const res = await verb(holderKey, 'user.create', { email: 'intruder@example.com', role: 'admin', password: 'a long enough password' });
    expect(res.status).toBe(401);
    expect(dbFingerprint(dbPath)).toBe(before);
  });

  it.each(apiVerbs)('%s: 401, nothing written', async (name) => {
    const before = dbFingerprint(dbPath);
    expect((await verb(holderKey, name, invalidInputFor(name))).status).toBe(401);
    expect(dbFingerprint(dbPath)).toBe(before);
  });

  it('cannot read either, and stays revoked when the account is enabled again', async () => {
    expect((await get(holderKey, '/components')).status).toBe(401);
    expect((await verb(bossKey, 'user.update', { user_id: holderId, role: 'admin', disabled: false })).status).toBe(200);
    expect((await get(holderKey, '/components')).status).toBe(401);
    const html = await (await fetch(`${server.baseURL}/admin/api-keys`, { headers: { cookie: bossCookie } })).text();
    expect(/<tr data-key="holder-admin-key">([\s\S]*?)<\/tr>/.exec(html)![1]).toContain('revoked');
  });

  it('the revocation is in the audit log', () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare("SELECT note FROM audit_log WHERE action = 'apikey.revoke'").get() as { note: string } | undefined;
      expect(row?.note).toMatch(/holder@example\.com disabled/);
    } finally {
      db.close();
    }
  });
});
