/**
 * Issue 24 through the built server: two public pages on two hosts and a private one on a third (Host headers on
 * loopback). Each surface shows exactly its page's records; the private host refuses every route; caches are per page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentStatus } from '../domain/enums';
import { closeDatabase, openDatabase } from '../server/db';
import { setComponentStatus } from '../server/services/components';
import { getOn, HOSTS, SECRET, seedPages, type PagesFixture } from './pages-fixture';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { connectSse } from './sse-client';
import { TEST_ACTOR } from './subscriber-scenario';

let server: RunningServer;
let fx: PagesFixture;
let dbPath: string;
const main = (path: string) => getOn(server.port, HOSTS.main, path);
const shop = (path: string) => getOn(server.port, HOSTS.shop, path);

beforeAll(async () => {
  dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    fx = seedPages(db, Date.now());
  });
  server = await startServer({ dbPath, env: { SITE_URL: 'https://status.test' } });
});
afterAll(() => server?.stop());

/** What names a page's records on each kind of surface: incident titles, component names, component slugs. */
type Marker = 'titles' | 'names' | 'slugs';
const MAIN = { titles: ['Main web is slow'], names: ['Main Web'], slugs: ['main-web'] };
const SHOP = { titles: ['Checkout declines cards'], names: ['Shop Checkout'], slugs: ['shop-checkout'] };
const SHARED = { titles: ['Shared API errors'], names: ['Shared API'], slugs: ['shared-api'] };
const PRIVATE = Object.values(SECRET);
const every = (m: typeof MAIN) => [...m.titles, ...m.names, ...m.slugs];

/** The body names its own page's records (by the markers the surface uses) and nothing of the other pages. */
function expectOnly(body: string, own: typeof MAIN, other: typeof MAIN, markers: Marker[] = ['titles', 'names']): void {
  for (const s of markers.flatMap((m) => [...own[m], ...SHARED[m]])) expect(body, `missing ${s}`).toContain(s);
  for (const s of [...every(other), ...PRIVATE]) expect(body, `leaks ${s}`).not.toContain(s);
}

describe.each<[string, Marker[]]>([
  ['/', ['titles', 'names', 'slugs']],
  ['/history', ['titles']],
  ['/feed.xml', ['titles']],
  ['/feed.atom', ['titles']],
  ['/feed.json', ['titles']],
  ['/history.rss', ['titles']],
  ['/history.atom', ['titles']],
  ['/api/v2/summary.json', ['titles', 'names']],
  ['/api/v2/incidents.json', ['titles']],
  ['/api/v2/incidents/unresolved.json', ['titles']],
  ['/api/v2/components.json', ['names']],
  ['/sla', ['names']],
  ['/sla.csv', ['slugs']],
  ['/api/sla.json', ['slugs']],
])('%s is per page', (path, markers) => {
  it('the main page shows its own records only', async () => {
    const r = await main(path);
    expect(r.status).toBe(200);
    expectOnly(r.body, MAIN, SHOP, markers);
  });
  it('the shop page shows its own records only', async () => {
    const r = await shop(path);
    expect(r.status).toBe(200);
    expectOnly(r.body, SHOP, MAIN, markers);
  });
});

describe('pages of one record', () => {
  it('an incident page answers on the pages showing it and 404 elsewhere', async () => {
    expect((await main(`/incidents/${fx.incidents.web}`)).status).toBe(200);
    expect((await shop(`/incidents/${fx.incidents.web}`)).status).toBe(404);
    expect((await shop(`/incidents/${fx.incidents.checkout}`)).status).toBe(200);
    expect((await main(`/incidents/${fx.incidents.checkout}`)).status).toBe(404);
    for (const get of [main, shop]) {
      expect((await get(`/incidents/${fx.incidents.api}`)).status).toBe(200);
      expect((await get(`/incidents/${fx.incidents.vault}`)).status).toBe(404);
      // posted to the private page only, though on a component both public pages show
      expect((await get(`/incidents/${fx.incidents.note}`)).status).toBe(404);
    }
  });

  it('a component page, its badge and its feed answer only on pages showing the component', async () => {
    for (const suffix of ['', '/badge.svg', '/feed.xml', '/feed.atom']) {
      expect((await main(`/components/main-web${suffix}`)).status).toBe(200);
      expect((await shop(`/components/main-web${suffix}`)).status).toBe(404);
      expect((await shop(`/components/shop-checkout${suffix}`)).status).toBe(200);
      expect((await main(`/components/${SECRET.slug}${suffix}`)).status).toBe(404);
    }
  });

  it('a maintenance window and the calendar are per page', async () => {
    expect((await shop(`/maintenance/${fx.maintenance.checkout}`)).status).toBe(200);
    expect((await main(`/maintenance/${fx.maintenance.checkout}`)).status).toBe(404);
    expect((await main(`/maintenance/${fx.maintenance.vault}`)).status).toBe(404);
    const shopCal = await shop('/maintenance.ics');
    expect(shopCal.body).toContain('Checkout upgrade');
    expect(shopCal.body).not.toContain(SECRET.maintenance);
    expect((await main('/maintenance.ics')).body).not.toContain('Checkout upgrade');
  });

  it('the page badge names its page', async () => {
    expect((await shop('/badge.svg')).body).toContain('Shop Status');
    // the default page keeps the settings' name (PAGE_NAME here)
    expect((await main('/badge.svg')).body).not.toContain('Shop Status');
  });

  it('the v2 API names each page with its own id and address', async () => {
    const a = JSON.parse((await main('/api/v2/status.json')).body) as { page: { id: string; name: string; url: string } };
    const b = JSON.parse((await shop('/api/v2/status.json')).body) as { page: { id: string; name: string; url: string } };
    expect(b.page.name).toBe('Shop Status');
    expect(b.page.url).toBe('https://shop.test');
    expect(a.page.url).toBe('https://status.test');
    expect(a.page.id).not.toBe(b.page.id);
  });

  it('a host no page lists gets the default page', async () => {
    const r = await getOn(server.port, 'unknown.example', '/');
    expectOnly(r.body, MAIN, SHOP);
  });
});

describe('the cache is per page', () => {
  it('a cached copy of one page is never served on another host', async () => {
    await main('/maintenance');
    const hit = await main('/maintenance');
    expect(hit.headers['x-cache']).toBe('hit');
    const other = await shop('/maintenance');
    expect(other.headers['x-cache']).toBe('miss');
    expect(other.body).toContain('Checkout upgrade');
    expect(hit.body).not.toContain('Checkout upgrade');
    expect(other.headers.etag).not.toBe(hit.headers.etag);
  });

  it('a private page is never publicly cached: private, no Surrogate-Key, every request checked', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await getOn(server.port, HOSTS.internal, '/');
      expect(r.status).toBe(401);
      expect(r.headers['cache-control']).toMatch(/^private/);
      expect(r.headers['surrogate-key']).toBeUndefined();
      expect(r.headers['x-cache']).toBeUndefined();
    }
  });
});

describe('live updates are per page', () => {
  /** A status change written by another process, as the monitor process or the CLI would. */
  function setStatus(componentId: number, status: ComponentStatus): void {
    const db = openDatabase(dbPath);
    try {
      setComponentStatus(db, componentId, status, TEST_ACTOR, Date.now());
    } finally {
      closeDatabase(db);
    }
  }
  const about = (id: number) => (e: { event: string; data: string }) => e.event === 'change' && (JSON.parse(e.data) as { entity_id: string }).entity_id === String(id);

  it('a change on a component of one page reaches that page only; a private-only one reaches no public page', async () => {
    const onMain = await connectSse(`${server.baseURL}/api/stream`, { host: HOSTS.main });
    const onShop = await connectSse(`${server.baseURL}/api/stream`, { host: HOSTS.shop });
    try {
      setStatus(fx.components.checkout, 'partial_outage');
      setStatus(fx.components.vault, 'major_outage');
      setStatus(fx.components.web, 'partial_outage');
      setStatus(fx.components.api, 'partial_outage');
      await onShop.waitFor(about(fx.components.checkout), 10_000);
      await onMain.waitFor(about(fx.components.web), 10_000);
      // the shared component's change comes last: once both heard it, everything before it was sent or withheld
      await Promise.all([onMain.waitFor(about(fx.components.api), 10_000), onShop.waitFor(about(fx.components.api), 10_000)]);
      expect(onMain.events.some(about(fx.components.checkout))).toBe(false);
      expect(onShop.events.some(about(fx.components.web))).toBe(false);
      for (const s of [onMain, onShop]) expect(s.events.some(about(fx.components.vault))).toBe(false);
    } finally {
      onMain.close();
      onShop.close();
    }
  });
});
