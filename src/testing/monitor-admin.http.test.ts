/** Monitor and webhook admin over HTTP against the built server: who may change targets, and the target policy. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitors, webhookSubscribers } from '../../db/schema';
import { openDatabase } from '../server/db';
import { SYSTEM } from '../server/services/actor';
import { createComponent } from '../server/services/components';
import { createMonitor } from '../server/services/monitors';
import { createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { startHttpTarget, type HttpTarget } from './monitor-targets';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';

let server: RunningServer;
let target: HttpTarget;
let admin = '';
let editor = '';
let dbPath = '';

beforeAll(async () => {
  target = await startHttpTarget();
  target.mode = 'redirect-to';
  target.location = 'http://169.254.169.254/latest/meta-data/';
  dbPath = tempDbPath('statuspage-monitor-admin-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, SYSTEM, now);
    createUser(db, { email: 'editor@example.com', password: 'editor password', role: 'editor' }, SYSTEM, now);
    const c = createComponent(db, { name: 'API' }, SYSTEM, now);
    createMonitor(db, { componentId: c.id, name: 'Health', type: 'http', config: { url: target.url, headers: { Authorization: 'Bearer s3cret-token' } } }, SYSTEM, now);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  [admin, editor] = await Promise.all([signInCookie(server.baseURL, 'admin@example.com', 'admin password'), signInCookie(server.baseURL, 'editor@example.com', 'editor password')]);
});
afterAll(async () => {
  await server?.stop();
  await target?.close();
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const post = (cookie: string, path: string, fields: Record<string, string>) =>
  fetch(server.baseURL + path, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
const get = (cookie: string, path: string) => fetch(server.baseURL + path, { headers: { cookie }, redirect: 'manual' });
const NEW = { component_id: '1', name: 'New check', type: 'http', url: 'http://127.0.0.1:9/', method: 'GET', expected_status: '200-399', interval_s: '60', timeout_ms: '5000' };

function count(table: typeof monitors | typeof webhookSubscribers): number {
  const db = openDatabase(dbPath);
  try {
    return db.select().from(table).all().length;
  } finally {
    db.$client.close();
  }
}

describe('monitor admin', () => {
  it('an editor cannot create a monitor (page or form post); an admin can', async () => {
    expect((await get(editor, '/admin/monitors/new')).status).toBe(403);
    expect((await post(editor, '/admin/monitors/new', NEW)).status).toBe(403);
    expect(count(monitors)).toBe(1);
    const res = await post(admin, '/admin/monitors/new', NEW);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/admin\/monitors\/\d+\?saved=1$/);
    expect(count(monitors)).toBe(2);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('method %s is a validation error', async (method) => {
    const res = await post(admin, '/admin/monitors/new', { ...NEW, method });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Use GET, HEAD or POST.');
  });

  it('a Host header and a metadata URL are validation errors', async () => {
    const host = await post(admin, '/admin/monitors/new', { ...NEW, headers: 'Host: internal.example' });
    expect(host.status).toBe(422);
    expect(await host.text()).toContain('Host and connection headers cannot be set.');
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://2852039166/', 'http://[::ffff:a9fe:a9fe]/']) {
      const res = await post(admin, '/admin/monitors/new', { ...NEW, url });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('is a link-local or cloud metadata address');
    }
  });

  it('a body that is not a form is a 415, not a 500', async () => {
    const res = await fetch(`${server.baseURL}/admin/monitors/new`, { method: 'POST', headers: { cookie: admin, origin: server.baseURL, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('an editor sees results and pause/resume, but no edit, test or delete controls and no header values', async () => {
    const page = await (await get(editor, '/admin/monitors/1')).text();
    expect(page).toContain('>Pause</button>');
    expect(page).not.toContain('Test now');
    expect(page).not.toContain('Save monitor');
    expect(page).not.toContain('Delete monitor');
    expect(page).not.toContain('s3cret-token');
    expect(page).toContain('Only admins can change or delete this monitor.');
    const list = await (await get(editor, '/admin/monitors')).text();
    expect(list).not.toContain('Add a monitor');
    const adminPage = await (await get(admin, '/admin/monitors/1')).text();
    for (const control of ['Test now', 'Save monitor', 'Delete monitor']) expect(adminPage).toContain(control);
    expect(await (await get(admin, '/admin/monitors')).text()).toContain('Add a monitor');
  });

  it('an editor may pause and resume but not save, test or delete', async () => {
    for (const _action of ['save', 'test', 'delete']) expect((await post(editor, '/admin/monitors/1', { ...NEW, _action })).status).toBe(403);
    expect((await post(editor, '/admin/monitors/1', { _action: 'pause' })).status).toBe(303);
    expect(await (await get(editor, '/admin/monitors/1')).text()).toContain('>Resume</button>');
    expect((await post(editor, '/admin/monitors/1', { _action: 'resume' })).status).toBe(303);
    expect(await (await get(editor, '/admin/monitors/1')).text()).toContain('>Pause</button>');
    expect(count(monitors)).toBeGreaterThanOrEqual(1);
  });

  it('"Test now" on a target that redirects to the metadata address reports the refused hop', async () => {
    const before = target.seen.length;
    const res = await post(admin, '/admin/monitors/1', { _action: 'test' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Test result: failure');
    expect(html).toContain('redirect to http://169.254.169.254 refused: 169.254.169.254 is a link-local or cloud metadata address');
    expect(target.seen.length).toBe(before + 1);
  });
});

describe('webhook admin', () => {
  it('refuses a metadata URL at add; editors cannot add at all', async () => {
    const res = await post(admin, '/admin/webhooks', { _action: 'add', url: 'http://169.254.169.254/' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Refused: 169.254.169.254 is a link-local or cloud metadata address');
    expect((await post(editor, '/admin/webhooks', { _action: 'add', url: 'http://127.0.0.1:9/hook' })).status).toBe(403);
    expect(count(webhookSubscribers)).toBe(0);
    expect((await post(admin, '/admin/webhooks', { _action: 'add', url: 'http://127.0.0.1:9/hook' })).status).toBe(303);
    expect(count(webhookSubscribers)).toBe(1);
  });

  it('the settings page turns link-local targets on for an admin', async () => {
    const base = { pageName: 'Status', slaPublic: 'on', maintenanceAllowanceMinutes: '10', monitorDraftIncidents: 'on', allowPrivateTargets: 'on' };
    expect((await post(admin, '/admin/settings', { ...base, allowLinkLocalTargets: 'on' })).status).toBe(303);
    expect((await post(admin, '/admin/webhooks', { _action: 'add', url: 'http://169.254.169.254/' })).status).toBe(303);
    expect((await post(admin, '/admin/settings', base)).status).toBe(303);
    const settings = await (await get(admin, '/admin/settings')).text();
    expect(settings).toMatch(/<input type="checkbox" id="f-allowPrivateTargets" name="allowPrivateTargets" checked/);
    expect(settings).not.toMatch(/name="allowLinkLocalTargets" checked/);
  });
});
