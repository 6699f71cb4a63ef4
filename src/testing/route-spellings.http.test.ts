/**
 * Every protected route found on disk, spelt a dozen other ways, anonymously and cross-origin: no spelling
 * reaches the route. Redirects go to a canonical path that leads to sign-in or 401; everything else is a 4xx.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, isPublicRoute } from '../server/auth/guard';
import { canonicalize } from '../server/http/canonical';
import { createComponent } from '../server/services/components';
import { createUser } from '../server/services/users';
import { rawRequest, routeFiles, signInCookie, type RawResponse } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pages');
const protectedRoutes = routeFiles(PAGES).filter((r) => accessFor(r.url) !== 'public');
const EVIL = 'http://evil.example';
const actor = cliActor('test');

/** Other spellings of url (which starts with "/<first segment>"), by what the front layer must answer. */
function spellings(url: string): { redirect: string[]; refuse: string[]; other: string[] } {
  const last = url.lastIndexOf('/');
  const [dir, name] = [url.slice(0, last), url.slice(last + 1)];
  const hex = url.charCodeAt(1).toString(16);
  return {
    // 301 to url itself
    redirect: [`/${url}`, `//${url}`, `/.${url}`, `/x/..${url}`, `${dir}/./${name}`, `${dir}//${name}`, `/%${hex}${url.slice(2)}`, `${url}/`],
    // 400
    refuse: [`/\\${url.slice(1)}`, `${dir}\\${name}`, `/%2e${url}`, `/%2E%2E${url}`, `${dir}%2f${name}`, `${dir}%5C${name}`, `/%25${hex}${url.slice(2)}`, `${url};x`, `${url}\t`, `${url}%09`, `${url}%00`],
    // canonical, but another path: the router is case-sensitive, the guard sees the same path
    other: [url.toUpperCase(), `${dir}/${name.toUpperCase()}`],
  };
}
const all = (url: string) => Object.values(spellings(url)).flat();

let server: RunningServer;
let editorCookie: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    createComponent(db, { name: 'API', slug: 'api' }, actor, Date.now());
    createUser(db, { email: 'ed@example.com', password: 'editor password', role: 'editor' }, actor, Date.now());
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  editorCookie = await signInCookie(server.baseURL, 'ed@example.com', 'editor password');
});
afterAll(() => server?.stop());

const signIn = (r: RawResponse) => r.status === 303 && (r.headers.location ?? '').startsWith('/admin/login?next=');

/** Follows redirects to canonical paths until the answer is sign-in or a 4xx; fails on anything else. */
async function expectRefused(method: string, target: string, headers: Record<string, string>, body = ''): Promise<void> {
  let r = await rawRequest(server.port, method, target, headers, body);
  const trail = [`${method} ${JSON.stringify(target)} → ${r.status} ${r.headers.location ?? ''}`];
  for (let hop = 0; hop < 3 && r.status >= 300 && r.status < 400 && !signIn(r); hop++) {
    const location = r.headers.location ?? '';
    expect(canonicalize(location).kind, trail.join('; ')).toBe('ok');
    r = await rawRequest(server.port, method, location, headers, body);
    trail.push(`${location} → ${r.status} ${r.headers.location ?? ''}`);
  }
  const why = trail.join('; ');
  expect(signIn(r) || (r.status >= 400 && r.status < 500), why).toBe(true);
}

describe('protected routes found on disk', () => {
  it('include every admin page (but sign-in and setup), the write API and response times', () => {
    expect(protectedRoutes.map((r) => r.url)).toEqual(expect.arrayContaining(['/admin', '/admin/users', '/admin/audit', '/admin/monitors/1', '/admin/logout', '/api/v1/incidents/1', '/api/v1/components', '/api/response-times.json']));
    expect(protectedRoutes.map((r) => r.url)).not.toContain('/admin/login');
  });
});

describe.each(protectedRoutes)('$url, spelt otherwise', ({ url }) => {
  it('is answered by the front layer: 301 to the canonical path, or 400', async () => {
    const { redirect, refuse } = spellings(url);
    for (const target of redirect) {
      const r = await rawRequest(server.port, 'GET', target);
      expect([r.status, r.headers.location], JSON.stringify(target)).toEqual([301, url]);
    }
    for (const target of refuse) expect((await rawRequest(server.port, 'GET', target)).status, JSON.stringify(target)).toBe(400);
  });
  it('is not reached by an anonymous GET', async () => {
    for (const target of all(url)) await expectRefused('GET', target, {});
  });
  it('is not reached by a cross-origin POST', async () => {
    for (const target of all(url)) {
      const r = await rawRequest(server.port, 'POST', target, { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }, '_action=delete&id=1');
      expect(r.status >= 400 && r.status < 500, `POST ${JSON.stringify(target)} → ${r.status}`).toBe(true);
    }
  });
});

describe('admin-only pages spelt otherwise, by a signed-in editor', () => {
  it.each(['/admin/users', '/admin/api-keys', '/admin/audit', '/admin/settings', '/admin/webhooks'])('%s never answers 200', async (url) => {
    for (const target of all(url)) {
      let r = await rawRequest(server.port, 'GET', target, { cookie: editorCookie });
      if (r.status === 301) r = await rawRequest(server.port, 'GET', r.headers.location, { cookie: editorCookie });
      expect([400, 403, 404], `${JSON.stringify(target)} → ${r.status}`).toContain(r.status);
    }
  });
});

describe('public paths no route answers', () => {
  it('are not confused with protected ones', () => {
    expect(isPublicRoute('/ADMIN/USERS')).toBe(false);
    expect(accessFor('/ADMIN/USERS')).toBe('public');
  });
  it('share one cached 404 page, so a flood of distinct unknown URLs renders it once', async () => {
    const answers = [];
    for (let i = 0; i < 200; i++) answers.push(await rawRequest(server.port, 'GET', `/no-such-page-${i}?q=${i}`));
    expect(answers.every((r) => r.status === 404)).toBe(true);
    expect(answers.slice(1).every((r) => r.headers['x-cache'] === 'hit')).toBe(true);
    expect((await rawRequest(server.port, 'GET', '/ADMIN/USERS')).status).toBe(404);
  });
});
