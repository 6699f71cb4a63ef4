/** The front layer against the real built server: cache, ETags, bypass rules, headers, body cap, coalescing. */
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { createSession } from '../auth/sessions';
import { createComponent } from '../services/components';
import { setComponentStatus } from '../services/components';
import { createUser } from '../services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { cliActor } from '../services/actor';

const actor = cliActor('test');
let server: RunningServer;
let db: Db;
let apiId: number;

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.baseURL + path, { headers });
}

async function waitFor(fn: () => Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (d) => {
    apiId = createComponent(d, { name: 'API', slug: 'api', description: 'x'.repeat(2000) }, actor, Date.now()).id;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  db = openDatabase(dbPath);
});

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe('cached public responses', () => {
  it('serves the second request from the cache with an ETag, and 304 for If-None-Match', async () => {
    await get('/');
    const second = await get('/');
    expect(second.headers.get('x-cache')).toBe('hit');
    const etag = second.headers.get('etag');
    expect(etag).toMatch(/^W\/"\d+-[\w-]+"$/);
    expect(second.headers.get('cache-control')).toContain('max-age');
    const again = await get('/', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  it('shows a change committed by another process on the next requests', async () => {
    const before = await (await get('/')).text();
    expect(before).toContain('All Systems Operational');
    setComponentStatus(db, apiId, 'major_outage', actor, Date.now());
    await waitFor(async () => (await (await get('/')).text()).includes('Major System Outage'));
    setComponentStatus(db, apiId, null, actor, Date.now());
    await waitFor(async () => (await (await get('/')).text()).includes('All Systems Operational'));
  });

  it('sends gzip or brotli as the client accepts, with the same content', async () => {
    const plain = Buffer.from(await (await get('/', { 'accept-encoding': 'identity' })).arrayBuffer());
    const raw = (path: string, enc: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        import('node:http').then(({ get: httpGet }) => {
          httpGet(server.baseURL + path, { headers: { 'accept-encoding': enc } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
          }).on('error', reject);
        }, reject);
      });
    const gz = await raw('/', 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);
    const br = await raw('/', 'gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
  });

  it('answers a remembered public URL the same way for HEAD, and still refuses other methods and spellings of it', async () => {
    const url = '/api/v2/status.json';
    const http = await import('node:http');
    const send = (method: string, path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        // The path as given: a URL string would have its dot segments resolved by the client.
        const { hostname, port } = new URL(server.baseURL);
        const req = http.request({ hostname, port, path, method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    await send('GET', url);
    const hit = await send('GET', url, { 'accept-encoding': 'gzip' });
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.headers['content-length']).toBe(String(hit.body.length));
    const head = await send('HEAD', url, { 'accept-encoding': 'gzip' });
    expect(head.status).toBe(200);
    expect(head.headers['x-cache']).toBe('hit');
    expect(head.headers['content-length']).toBe(String(hit.body.length));
    expect(head.headers.etag).toBe(hit.headers.etag);
    expect(head.body.length).toBe(0);
    const post = await send('POST', url);
    expect(post.status).toBe(405);
    expect(post.headers['x-cache']).toBeUndefined();
    expect(JSON.parse(post.body.toString()).error.code).toBe('method_not_allowed');
    for (const spelling of ['//api/v2/status.json', '/api/v2/./status.json', '/api/v2/status.json/']) {
      const r = await send('GET', spelling);
      expect(r.status, spelling).toBe(301);
      expect(r.headers.location, spelling).toBe(url);
    }
    expect((await send('GET', '/api/v2/%2e%2e/status.json')).status).toBe(400);
  });

  it('cannot be bypassed by an anonymous client: fake cookies, no-cache headers and extra parameters hit the cache', async () => {
    await get('/');
    for (const headers of <Record<string, string>[]>[{ cookie: 'sp_session=forged' }, { 'cache-control': 'no-cache', pragma: 'no-cache' }, { authorization: 'Bearer nope' }]) {
      expect((await get('/', headers)).headers.get('x-cache')).toBe('hit');
    }
    expect((await get('/?nocache=' + Math.random())).headers.get('x-cache')).toBe('hit');
  });

  it('answers query values no tag can hold (NUL, broken UTF-8, spaces) with a whole 400 page, cache tags intact', async () => {
    for (const q of ['component=%00', 'component=%E0%A4%A', 'component=a%20b', 'component=%C4%85']) {
      const res = await get(`/history?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.text()).toContain('Bad request');
      expect(res.headers.get('surrogate-key'), q).toBe('all page:history');
    }
  });

  it('is never used for a signed-in operator', async () => {
    const user = createUser(db, { email: 'op@example.com', password: 'long enough password', role: 'editor' }, actor, Date.now());
    const token = createSession(db, user.id, Date.now(), 3_600_000);
    const res = await get('/', { cookie: `sp_session=${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBeNull();
    expect(res.headers.get('cache-control')).toContain('private');
  });

  it('coalesces concurrent misses after a change into one render', async () => {
    setComponentStatus(db, apiId, 'degraded_performance', actor, Date.now());
    await waitFor(async () => (await get('/maintenance')).headers.get('x-cache') !== 'hit');
    setComponentStatus(db, apiId, null, actor, Date.now());
    await waitFor(async () => (await get('/maintenance')).headers.get('x-cache') !== 'hit');
    const answers = await Promise.all(Array.from({ length: 50 }, () => get('/')));
    const kinds = answers.map((r) => r.headers.get('x-cache'));
    expect(kinds.filter((k) => k === 'miss')).toHaveLength(1);
    expect(kinds.every((k) => k === 'miss' || k === 'coalesced' || k === 'hit')).toBe(true);
  });
});

describe('every response', () => {
  it.each(['/', '/history', '/admin/login', '/no-such-page', '/favicon.svg'])('%s carries the security headers', async (path) => {
    const res = await get(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('frame-ancestors');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it.each([
    ['/api/v2/status.json', null],
    ['/feed.xml', null],
    ['/maintenance.ics', null],
    // an SVG opened on its own is a document that may hold links
    ['/badge.svg', 'strict-origin-when-cross-origin'],
  ])('%s (not an HTML document) gets a load-nothing policy, on a miss and on a hit', async (path, referrer) => {
    for (let i = 0; i < 2; i++) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe(referrer);
    }
  });

  it('refuses oversized bodies with a JSON 413 before reading them', async () => {
    const res = await fetch(server.baseURL + '/api/v1/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('answers /healthz with the state of the database, migrations and clock', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations.ok).toBe(true);
    expect(body.checks.clock.ok).toBe(true);
  });

  it('answers 404 for an unknown page, and 400 for malformed parameters', async () => {
    expect((await get('/components/nope')).status).toBe(404);
    expect((await get('/incidents/999999')).status).toBe(404);
    expect((await get('/history?page=abc')).status).toBe(400);
    expect((await get('/history?page=0')).status).toBe(400);
  });
});
