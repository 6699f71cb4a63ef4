/** POST /api/v1/verbs/<name> answers what happened: every verb awaited, its result or its error, never a silent 200. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_API, VERBS } from '../server/features/all-verbs';
import { SYSTEM } from '../server/services/actor';
import { createComponent } from '../server/services/components';
import { createMonitor } from '../server/services/monitors';
import { createApiKey, createUser } from '../server/services/users';
import { dbFingerprint } from './db-fingerprint';
import { startHttpTarget, type HttpTarget } from './monitor-targets';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { invalidInputFor } from './verb-inputs';

let server: RunningServer;
let target: HttpTarget;
let dbPath = '';
let key = '';
let readKey = '';
let editorId = 0;

beforeAll(async () => {
  target = await startHttpTarget();
  dbPath = tempDbPath('statuspage-api-verbs-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, SYSTEM, now);
    editorId = createUser(db, { email: 'editor@example.com', password: 'editor password', role: 'editor' }, SYSTEM, now).id;
    const c = createComponent(db, { name: 'API' }, SYSTEM, now);
    createMonitor(db, { componentId: c.id, name: 'Health', type: 'http', config: { url: target.url } }, SYSTEM, now);
    key = createApiKey(db, 'ops', SYSTEM, now, 'admin').key;
    readKey = createApiKey(db, 'dashboard', SYSTEM, now, 'read').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(async () => {
  await server?.stop();
  await target?.close();
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const call = (name: string, body: unknown, bearer = key) =>
  fetch(`${server.baseURL}/api/v1/verbs/${name}`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The verb's answer and whether the database changed meanwhile. */
async function attempt(name: string, body: unknown): Promise<{ status: number; json: { error?: { message: string; fields?: Record<string, string> } } & Record<string, unknown>; wrote: boolean }> {
  const before = dbFingerprint(dbPath);
  const res = await call(name, body);
  const json = await res.json();
  return { status: res.status, json, wrote: dbFingerprint(dbPath) !== before };
}

describe('every verb in the API', () => {
  const names = [...VERBS.keys()].filter((n) => !NOT_IN_API.has(n)).sort();

  it('covers the registry', () => expect(names.length).toBeGreaterThan(40));

  // Permission comes first: a read key is refused before its input is even parsed, and nothing is written.
  it.each(names)('%s: a read-only key is refused with 403 and nothing is written', async (name) => {
    const before = dbFingerprint(dbPath);
    const res = await call(name, {}, readKey);
    expect(res.status, await res.text()).toBe(403);
    expect(dbFingerprint(dbPath)).toBe(before);
  });

  it.each(names)('%s: one invalid input is a 4xx with a message, and nothing is written', async (name) => {
    const input = invalidInputFor(name);
    expect(input, `${name} accepts every input its test tried: give it one that fails`).not.toBeNull();
    const r = await attempt(name, input);
    expect(r.status, JSON.stringify(r.json)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.json.error?.message).toMatch(/\w/);
    expect(r.wrote).toBe(false);
  });
});

describe('asynchronous verbs are awaited', () => {
  it.each([
    ['user.create', { email: 'weak@example.com', role: 'editor', password: 'short' }, 422, 'password'],
    ['user.create', { email: 'editor@example.com', role: 'admin', password: 'a long enough password' }, 409, 'email'],
    ['user.password', { user_id: 99999, password: 'a long enough password' }, 404, null],
    ['user.password', { user_id: 2, password: 'short' }, 422, 'password'],
  ] as const)('%s %j answers %i and writes nothing', async (name, body, status, field) => {
    const r = await attempt(name, body);
    expect(r.status, JSON.stringify(r.json)).toBe(status);
    if (field) expect(r.json.error?.fields?.[field]).toMatch(/\w/);
    expect(r.wrote).toBe(false);
  });

  it('a valid user.create has saved the user when it answers', async () => {
    const r = await attempt('user.create', { email: 'new@example.com', role: 'editor', password: 'a long enough password' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ email: 'new@example.com', role: 'editor' });
    expect(r.json).not.toHaveProperty('passwordHash');
    expect(r.json).not.toHaveProperty('password_hash');
    // the API's one style: snake_case names, ISO times (it answered camelCase rows with epoch milliseconds)
    expect(Object.keys(r.json).filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(r.json.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(r.wrote).toBe(true);
  });

  it('a valid user.password has changed the password when it answers', async () => {
    const r = await attempt('user.password', { user_id: editorId, password: 'another long password' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.wrote).toBe(true);
  });

  it('monitor.test returns the probe result', async () => {
    target.mode = 'up';
    const up = await attempt('monitor.test', { monitor_id: 1 });
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ ok: true, status_code: 200, error: null });
    target.mode = 'down';
    const down = await attempt('monitor.test', { monitor_id: 1 });
    expect(down.json).toMatchObject({ ok: false, status_code: 503 });
    expect((await attempt('monitor.test', { monitor_id: 4242 })).status).toBe(404);
  });
});
