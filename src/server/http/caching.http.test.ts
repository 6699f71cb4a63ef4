/** HTTP caching of public responses against the built server: ETag/304, freshness after a write, CORS, JSON 404. */
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { openDatabase, type Db } from '../db';
import { createIncident } from '../services/incidents';

let server: RunningServer;
let writer: Db;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => seedComponents(db, Date.now()));
  server = await startServer({ dbPath, env: { SITE_URL: 'https://status.example.com' } });
  writer = openDatabase(server.dbPath);
});
afterAll(async () => {
  writer?.$client.close();
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.baseURL + path, { headers });

describe.each(['/api/v2/summary.json', '/feed.xml', '/feed.atom', '/maintenance.ics', '/badge.svg', '/'])('%s', (path) => {
  it('sends a CDN-friendly Cache-Control and an ETag, and answers If-None-Match with 304', async () => {
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"\d+-[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+/);
    const again = await get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = await get(path, { 'if-none-match': 'W/"0-nope"' });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-cache')).toBe('hit');
  });

  it('follows RFC 9110 If-None-Match: a list of tags, "*", and weak comparison', async () => {
    const etag = (await get(path)).headers.get('etag')!;
    const opaque = etag.replace(/^W\//, '');
    for (const field of [`"old", ${etag}`, `${etag} , W/"older"`, '*', opaque]) {
      const r = await get(path, { 'if-none-match': field });
      expect([field, r.status]).toEqual([field, 304]);
    }
    expect((await get(path, { 'if-none-match': '"old", W/"older"' })).status).toBe(200);
  });
});

describe('before any incident', () => {
  it('serves valid, empty feeds', async () => {
    const parser = new Parser();
    for (const path of ['/feed.xml', '/feed.atom', '/components/api/feed.xml']) {
      const feed = await parser.parseString(await (await get(path)).text());
      expect(feed.items, path).toEqual([]);
    }
  });
});

describe('a committed change', () => {
  it('is visible on the very next request, with a new ETag', async () => {
    const before = await get('/api/v2/incidents.json');
    const etag = before.headers.get('etag')!;
    expect((await before.json()).incidents).toEqual([]);
    createIncident(writer, { title: 'Fresh incident', impact: 'minor', status: 'investigating', body: 'Now.', components: {} }, TEST_ACTOR, Date.now());
    const after = await get('/api/v2/incidents.json', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).incidents.map((i: { name: string }) => i.name)).toEqual(['Fresh incident']);
    const feed = await (await get('/feed.xml')).text();
    expect(feed).toContain('Fresh incident');
  });
});

describe('CORS for widgets', () => {
  it('allows any origin on /api/v2 GETs and preflights, and on badges', async () => {
    const r = await get('/api/v2/status.json', { origin: 'https://elsewhere.example' });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await fetch(`${server.baseURL}/api/v2/summary.json`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
    expect((await get('/components/api/badge.svg')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is not sent on HTML pages', async () => {
    expect((await get('/')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('unknown API path', () => {
  it('is a JSON 404 (also when served from the cache), with CORS', async () => {
    for (let n = 0; n < 2; n++) {
      const r = await get('/api/v2/does-not-exist.json');
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(await r.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });
});
