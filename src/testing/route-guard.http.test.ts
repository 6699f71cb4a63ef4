/**
 * Every route file under src/pages/admin and src/pages/api/v1, found on disk, must refuse anonymous
 * visitors and cross-origin cookie writes. A new route that skips the guard fails here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/services/users';
import { signInCookie, routesUnder } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pages');
/** Pages anonymous visitors must reach to sign in at all. */
const OPEN_ADMIN = new Set(['/admin/login', '/admin/setup']);
const adminRoutes = routesUnder(PAGES, 'admin');
const apiRoutes = routesUnder(PAGES, 'api/v1');
const EVIL = 'https://evil.example';
let server: RunningServer;
let adminCookie: string;
let editorCookie: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now());
    createUser(db, { email: 'ed@example.com', password: 'editor password', role: 'editor' }, cliActor('test'), Date.now());
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  adminCookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
  editorCookie = await signInCookie(server.baseURL, 'ed@example.com', 'editor password');
});
afterAll(() => server?.stop());

const req = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) => fetch(server.baseURL + url, { redirect: 'manual', ...init });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('route files found on disk', () => {
  it('include the admin pages and every write endpoint', () => {
    expect(adminRoutes.map((r) => r.url)).toEqual(expect.arrayContaining(['/admin', '/admin/login', '/admin/incidents/new', '/admin/incidents/1', '/admin/users', '/admin/api-keys', '/admin/audit']));
    expect(apiRoutes.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/v1/components', '/api/v1/components/1', '/api/v1/incidents', '/api/v1/incidents/1', '/api/v1/incidents/1/updates', '/api/v1/maintenances']));
  });
});

describe.each(adminRoutes.filter((r) => !OPEN_ADMIN.has(r.url)))('admin route $file ($url)', ({ url }) => {
  it('redirects an anonymous GET to sign-in with next', async () => {
    const res = await req(url);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
  });
  it('refuses an anonymous POST', async () => {
    const res = await req(url, { method: 'POST', headers: { ...form, origin: server.baseURL }, body: 'x=1' });
    expect(res.status).toBe(401);
  });
  it('refuses a cross-origin or origin-less POST carrying a valid session cookie', async () => {
    for (const headers of [{ origin: EVIL }, { referer: `${EVIL}/page` }, {}] as Record<string, string>[]) {
      const res = await req(url, { method: 'POST', headers: { ...form, ...headers, cookie: adminCookie }, body: '_action=delete&confirm=delete' });
      expect(res.status).toBe(403);
    }
  });
});

describe.each(adminRoutes.filter((r) => OPEN_ADMIN.has(r.url)))('open admin route $url', ({ url }) => {
  it('refuses cross-origin posts too', async () => {
    const res = await req(url, { method: 'POST', headers: { ...form, origin: EVIL }, body: 'email=a@b.c&password=x' });
    expect(res.status).toBe(403);
  });
});

/** Our error body is {"error": {"code"}}; Statuspage's management API answers {"error": "…", "code"} (docs/api.md). */
const errorCode = (body: { error: string | { code: string }; code?: string }) => (typeof body.error === 'string' ? body.code : body.error.code);

describe.each(apiRoutes)('API route $file ($url)', ({ url }) => {
  it.each(['GET', 'POST', 'PATCH'])('answers anonymous %s with 401 JSON', async (method) => {
    const res = await req(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    expect(res.status).toBe(401);
    expect(errorCode(await res.json())).toBe('unauthorized');
  });
  it('answers a revoked or made-up key with 401', async () => {
    const res = await req(url, { headers: { authorization: 'Bearer sp_not_a_real_key' } });
    expect(res.status).toBe(401);
  });
  it.each(['POST', 'PATCH'])('refuses a cross-origin cookie %s with 403 JSON', async (method) => {
    const res = await req(url, { method, headers: { 'content-type': 'application/json', origin: EVIL, cookie: adminCookie }, body: '{}' });
    expect(res.status).toBe(403);
    expect(errorCode(await res.json())).toBe('cross_origin');
  });
});

describe('roles', () => {
  it.each(['/admin/users', '/admin/api-keys', '/admin/audit', '/admin/settings'])('an editor gets 403 on %s, an admin 200', async (url) => {
    expect((await req(url, { headers: { cookie: editorCookie } })).status).toBe(403);
    expect((await req(url, { method: 'POST', headers: { ...form, cookie: editorCookie, origin: server.baseURL }, body: '_action=create&name=x' })).status).toBe(403);
    expect((await req(url, { headers: { cookie: adminCookie } })).status).toBe(200);
  });
  it('an editor may not create components, through the form or the API', async () => {
    const page = await req('/admin/components', { method: 'POST', headers: { ...form, cookie: editorCookie, origin: server.baseURL }, body: '_action=create&name=Sneaky&target=99' });
    expect(page.status).toBe(403);
    const api = await req('/api/v1/components', { method: 'POST', headers: { 'content-type': 'application/json', cookie: editorCookie, origin: server.baseURL }, body: '{"name":"Sneaky"}' });
    expect(api.status).toBe(403);
    const list = await (await req('/api/v1/components', { headers: { cookie: editorCookie } })).json();
    expect(list.map((c: { name: string }) => c.name)).not.toContain('Sneaky');
  });
  it('an editor may manage templates but not delete them (a thrown ForbiddenError answers 403, not 500)', async () => {
    const post = (body: string, cookie: string) => req('/admin/templates', { method: 'POST', headers: { ...form, cookie, origin: server.baseURL }, body });
    expect((await post('_action=create&name=T&title=Title&impact=minor&body=B', editorCookie)).status).toBe(303);
    const id = /name="template_id" value="(\d+)"/.exec(await (await req('/admin/templates', { headers: { cookie: editorCookie } })).text())![1];
    expect((await post(`_action=delete&template_id=${id}`, editorCookie)).status).toBe(403);
    expect((await post(`_action=delete&template_id=${id}`, adminCookie)).status).toBe(303);
  });
});
