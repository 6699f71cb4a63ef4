/**
 * The static mirror behind each static host docs/static-hosts/ documents (nginx, lighttpd, Caddy, BusyBox httpd),
 * started from the documented file: every public file gets its type with a charset (feed readers flag RSS served
 * as text/xml without one), `/api/v2` allows other origins where the host can send headers, directories serve
 * their index, unknown paths the mirror's 404 page, and mirror.json is revalidated.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, tempDbPath } from '../../testing/server-harness';
import { STATIC_HOST_BINARIES, startStaticHost, type StaticHost, type StaticHostKind } from '../../testing/static-hosts';
import { seedScenario } from '../../testing/subscriber-scenario';

const EXPORT = path.resolve('dist/cli/export.mjs');

const TYPES: [string, RegExp][] = [
  ['/', /^text\/html; ?charset=utf-8$/i],
  ['/history', /^text\/html; ?charset=utf-8$/i],
  ['/feed.xml', /^application\/rss\+xml; ?charset=utf-8$/i],
  ['/history.rss', /^application\/rss\+xml; ?charset=utf-8$/i],
  ['/feed.atom', /^application\/atom\+xml; ?charset=utf-8$/i],
  ['/history.atom', /^application\/atom\+xml; ?charset=utf-8$/i],
  ['/maintenance.ics', /^text\/calendar; ?charset=utf-8$/i],
  ['/sla.csv', /^text\/csv; ?charset=utf-8$/i],
  ['/api/v2/summary.json', /^application\/json(; ?charset=utf-8)?$/i],
  ['/mirror.json', /^application\/json(; ?charset=utf-8)?$/i],
  ['/badge.svg', /^image\/svg\+xml(; ?charset=utf-8)?$/i],
];

// BusyBox httpd cannot add response headers: documented as serving the mirror without cross-origin widgets.
const CORS: Record<StaticHostKind, boolean> = { nginx: true, lighttpd: true, caddy: true, busybox: false };

let site: string;
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-hosts-'));
  site = path.join(tmp, 'site');
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => seedScenario(db, Date.now()));
  const r = spawnSync(process.execPath, [EXPORT, site], { env: { ...process.env, DATABASE_PATH: dbPath, SITE_URL: 'https://status.example.com' }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(Object.keys(STATIC_HOST_BINARIES) as StaticHostKind[])('the mirror behind %s, as docs/static-hosts documents it', (kind) => {
  let host: StaticHost;
  beforeAll(async () => {
    host = await startStaticHost(kind, site);
  });
  afterAll(() => host?.stop());

  it.each(TYPES)('%s has its type with a charset', async (p, type) => {
    const r = await fetch(host.baseURL + p);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(type);
    const body = await r.text();
    if (p === '/history') expect(body).toContain('<html');
  });

  it(CORS[kind] ? 'lets widgets on other sites read /api/v2' : 'sends no CORS header (documented: no cross-origin widgets)', async () => {
    const r = await fetch(`${host.baseURL}/api/v2/summary.json`, { headers: { origin: 'https://shop.example.net' } });
    expect(r.headers.get('access-control-allow-origin')).toBe(CORS[kind] ? '*' : null);
  });

  it('answers an unknown path 404 with the mirror\'s own page', async () => {
    const r = await fetch(`${host.baseURL}/no/such/page`);
    expect(r.status).toBe(404);
    expect(await r.text()).toBe(fs.readFileSync(path.join(site, '404.html'), 'utf8'));
  });

  it.skipIf(!CORS[kind])('has mirror.json revalidated', async () => {
    expect((await fetch(`${host.baseURL}/mirror.json`)).headers.get('cache-control')).toBe('no-cache');
  });
});
