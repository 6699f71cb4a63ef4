/** The front layer under hostile traffic, against the built server: methods, non-canonical floods, logs, client IP, assets. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { createComponent } from '../services/components';
import { createUser } from '../services/users';
import { rawRequest, routeFiles } from '../../testing/http-helpers';
import { STATUS_CODES } from 'node:http';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { cliActor } from '../services/actor';

const actor = cliActor('test');
const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/client/_astro');
let server: RunningServer;

function seeded(): string {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    createComponent(db, { name: 'API', slug: 'api' }, actor, Date.now());
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, actor, Date.now());
  });
  return dbPath;
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** The request lines logged so far, once the batched writer has flushed the last one. */
async function requestLines(s: RunningServer, until: (lines: { method: string; path: string; status: number }[]) => boolean) {
  const end = Date.now() + 5000;
  for (;;) {
    const lines = s
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"request"'))
      .map((l) => JSON.parse(l));
    if (until(lines) || Date.now() > end) return lines;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  // The V8 flag npm start uses: without it the young generation alone grows by tens of MB under any load.
  server = await startServer({ dbPath: seeded(), env: { LOG_LEVEL: 'info', NODE_OPTIONS: '--max-semi-space-size=4' } });
});
afterAll(() => server?.stop());

const raw = (method: string, target: string, headers: Record<string, string> = {}, body = '') => rawRequest(server.port, method, target, headers, body);

describe('status lines', () => {
  it('carry the standard reason phrase for their code on every route, GET and empty POST (never "422 OK")', async () => {
    const wrong: string[] = [];
    for (const { url } of routeFiles(path.resolve('src/pages'))) {
      for (const [method, headers] of [['GET', {}], ['POST', {}], ['POST', { 'content-type': 'application/json' }]] as const) {
        const r = await raw(method, url, headers);
        if (r.reason !== STATUS_CODES[r.status]) wrong.push(`${method} ${url} ${JSON.stringify(headers)}: ${r.status} ${r.reason}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('methods', () => {
  it.each([
    ['POST', '/'],
    ['POST', '/feed.xml'],
    ['PUT', '/api/v2/summary.json'],
    ['DELETE', '/history'],
    ['TRACE', '/'],
    ['TRACE', '/admin/users'],
    ['PROPFIND', '/admin/users'],
    ['PROPFIND', '/api/v1/incidents'],
    ['MKCOL', '/'],
  ])('%s %s answers 405 with Allow, without rendering', async (method, target) => {
    const r = await raw(method, target, { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toMatch(/^GET, HEAD/);
    expect(r.body).not.toContain('<html');
  });

  it('answers CONNECT with 405 and a garbage method with 400, never 5xx', async () => {
    expect((await raw('CONNECT', '127.0.0.1:80')).status).toBe(405);
    expect((await raw('FOO_BAR', '/')).status).toBe(400);
  });

  it('answers OPTIONS without rendering', async () => {
    const r = await raw('OPTIONS', '/');
    expect(r.status).toBe(204);
    expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((await raw('OPTIONS', '/admin/users')).status).toBe(204);
  });
});

describe('non-canonical paths do not render', () => {
  it.each([
    ['/./', 301, '/'],
    ['/%2e/', 400, undefined],
    ['/history/', 301, '/history'],
    ['//feed.xml', 301, '/feed.xml'],
    ['/api/v2/summary.json/', 301, '/api/v2/summary.json'],
    ['/history/?page=2', 301, '/history?page=2'],
  ])('%s → %i', async (target, status, location) => {
    const r = await raw('GET', target);
    expect(r.status).toBe(status);
    expect(r.headers.location).toBe(location);
    expect(r.body).not.toContain('<html');
    expect(r.body.length).toBeLessThan(200);
  });

  it('refuses a write to a non-canonical path instead of redirecting it', async () => {
    const r = await raw('POST', '//admin/users', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1');
    expect(r.status).toBe(400);
  });

  it('answers API paths with JSON errors', async () => {
    const r = await raw('GET', '/api/v2/%2e%2e/v1/incidents');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('bad_path');
  });
});

describe('the cache under distinct URLs', () => {
  it('serves distinct ignored query strings from one entry', async () => {
    const first = await raw('GET', '/?utm_source=a');
    const etags = new Set([first.headers.etag]);
    for (let i = 0; i < 20; i++) {
      const r = await raw('GET', `/?x${i}=${i}&token=${i}`);
      expect(r.headers['x-cache']).toBe('hit');
      etags.add(r.headers.etag);
    }
    expect(etags.size).toBe(1);
    await raw('GET', '/history?page=1');
    expect((await raw('GET', '/history?utm=x&page=1')).headers['x-cache']).toBe('hit');
  });

  it('keeps memory flat under 10,000 distinct unknown long URLs (after a warm-up)', async () => {
    const tail = 'y'.repeat(1500);
    const statuses = new Set<number>();
    let next = 0;
    const flood = (until: number) =>
      Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < until) {
            const i = next++;
            const r = await fetch(server.baseURL + (i % 10 === 0 ? `/components/unknown-${i}` : `/no-such-${i}-${tail}?q=${i}`));
            await r.arrayBuffer();
            statuses.add(r.status);
          }
        }),
      );
    await flood(3_000);
    const before = rssMb(server.proc.pid!);
    await flood(13_000);
    expect([...statuses]).toEqual([404]);
    expect(rssMb(server.proc.pid!) - before).toBeLessThan(30);
  }, 60_000);

  it('renders one 404 page for every unknown component: no canonical link, identical bodies', async () => {
    const a = await raw('GET', '/components/unknown-a');
    const b = await raw('GET', '/components/unknown-b');
    expect(a.status).toBe(404);
    expect(a.body).not.toContain('rel="canonical"');
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(b.headers['x-cache']).toBe('hit');
    expect((await raw('GET', '/incidents/424242')).status).toBe(404);
    expect((await raw('GET', '/incidents/434343')).headers['x-cache']).toBe('hit');
  });

  it('serves a component created after its shared 404 on the very next request', async () => {
    expect((await raw('GET', '/components/brand-new')).status).toBe(404);
    const db = openDatabase(server.dbPath);
    try {
      createComponent(db, { name: 'Brand new', slug: 'brand-new' }, actor, Date.now());
    } finally {
      db.$client.close();
    }
    const r = await raw('GET', '/components/brand-new');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Brand new');
  });
});

describe('request logs', () => {
  it('cut long paths and keep query strings only as public cache keys', async () => {
    const long = '/no-such-' + 'z'.repeat(3000);
    await raw('GET', long);
    await raw('GET', '/admin/login?next=%2Fadmin&token=s3cret-login');
    await raw('GET', '/history?page=2&token=s3cret-history');
    await raw('GET', '/?token=s3cret-home');
    await raw('GET', '//admin?token=s3cret-redirect');
    await raw('GET', '/api/v1/incidents?token=s3cret-api');
    const lines = await requestLines(server, (l) => l.some((x) => x.path.startsWith('/api/v1/incidents')));
    const text = JSON.stringify(lines);
    expect(text).not.toContain('s3cret');
    const paths = lines.map((l) => l.path);
    expect(paths).toEqual(expect.arrayContaining(['/admin/login', '/history?page=2', '/', '//admin', '/api/v1/incidents']));
    expect(Math.max(...paths.map((p) => p.length))).toBeLessThanOrEqual(201);
  });
});

describe('static assets', () => {
  it('serves hashed bundles immutable and compressed, with 304 on a match', async () => {
    const css = fs.readdirSync(ASSETS).find((f) => f.endsWith('.css'))!;
    const r = await raw('GET', `/_astro/${css}`, { 'accept-encoding': 'gzip, br' });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-type']).toContain('text/css');
    const again = await raw('GET', `/_astro/${css}`, { 'if-none-match': r.headers.etag });
    expect(again.status).toBe(304);
    // RFC 9110: a list, "*", and the weak form of our strong tag all match
    for (const field of [`"x", ${r.headers.etag}`, '*', `W/${r.headers.etag}`]) expect((await raw('GET', `/_astro/${css}`, { 'if-none-match': field })).status).toBe(304);
    const icon = await raw('GET', '/favicon.svg');
    expect(icon.headers['cache-control']).toContain('max-age=0');
    expect((await raw('GET', '/_astro/missing.css')).status).toBe(404);
  });

  it('compresses each asset once, in the background, in both encodings', async () => {
    const js = fs.readdirSync(ASSETS).find((f) => f.endsWith('.js') && fs.statSync(path.join(ASSETS, f)).size > 10_000)!;
    const size = fs.statSync(path.join(ASSETS, js)).size;
    for (const enc of ['br', 'gzip']) {
      const r = await fetch(`${server.baseURL}/_astro/${js}`, { headers: { 'accept-encoding': enc } });
      expect((await r.text()).length).toBe(size);
      expect(r.headers.get('content-encoding')).toBe(enc);
    }
  });
});

describe('client IP', () => {
  async function signInIp(s: RunningServer, xff: string): Promise<string | null> {
    const r = await fetch(`${s.baseURL}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: s.baseURL, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
      body: new URLSearchParams({ email: 'admin@example.com', password: 'admin password' }),
    });
    expect(r.status).toBe(303);
    const db = openDatabase(s.dbPath);
    try {
      return (db.$client.prepare("SELECT ip FROM audit_log WHERE action = 'user.login' ORDER BY id DESC LIMIT 1").pluck().get() as string | null) ?? null;
    } finally {
      db.$client.close();
    }
  }

  it('is the socket peer: a client-sent X-Forwarded-For is ignored without TRUST_PROXY', async () => {
    expect(await signInIp(server, '203.0.113.9')).toBe('127.0.0.1');
  });

  it('is the entry the proxy appended with TRUST_PROXY=1', async () => {
    const proxied = await startServer({ dbPath: seeded(), env: { LOG_LEVEL: 'warn', TRUST_PROXY: '1' } });
    try {
      expect(await signInIp(proxied, '198.51.100.7, 203.0.113.9')).toBe('203.0.113.9');
    } finally {
      await proxied.stop();
    }
  });
});
