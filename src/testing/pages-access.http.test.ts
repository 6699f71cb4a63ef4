/**
 * Issue 24: nothing of a private page reaches anyone anonymous. Every route of src/pages answered on the private host
 * is a redirect to the sign-in page (HTML) or 401 (feeds, API); every public response of the public pages names nothing of it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../server/auth/guard';
import { isMachineSurface } from '../domain/viewer-access';
import { configureViewerAccess } from '../server/features/viewer-access/verbs';
import { TEST_ACTOR } from './subscriber-scenario';
import { routeFiles } from './http-helpers';
import { getOn, HOSTS, SECRET, seedPages, type PagesFixture } from './pages-fixture';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pages');
/** Operators sign in on any host; these two doors are the admin's, not the page's. */
const OPERATOR_DOORS = new Set(['/admin/login', '/admin/setup']);
const publicRoutes = routeFiles(PAGES).filter((r) => accessFor(r.url) === 'public' && !OPERATOR_DOORS.has(r.route));
/** The private page's own sign-in doors (/access/*): open on its host, they name the page but none of its records. */
const isViewerDoor = (route: string) => route.startsWith('/access/');
const pageRoutes = publicRoutes.filter((r) => !isViewerDoor(r.route));

let server: RunningServer;
let fx: PagesFixture;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    fx = seedPages(db, Date.now());
    // The private page offers the e-mail link: its routes answer through the viewer-access gate.
    configureViewerAccess({ db, now: Date.now(), actor: TEST_ACTOR }, { page_id: String(fx.pages.internal), email_domains: ['internal.example'] });
  });
  server = await startServer({ dbPath, env: { SITE_URL: 'https://status.test', METRICS: 'on' } });
});
afterAll(() => server?.stop());

/** A concrete URL for a route, its parameters filled with records of the fixture (the shared ones where possible). */
function urlFor(route: string): string {
  return route
    .replace('/incidents/[id]', `/incidents/${fx.incidents.api}`)
    .replace('/maintenance/[id]', `/maintenance/${fx.maintenance.checkout}`)
    .replace('[slug]', 'shared-api')
    .replace('[slot]', 'favicon')
    .replace('[...path]', 'unknown.json');
}

/** What would name the private page's own records: names, slugs and the links carrying their ids. */
function privateMarkers(): string[] {
  return [...Object.values(SECRET), `/incidents/${fx.incidents.vault}"`, `/incidents/${fx.incidents.note}"`, `/maintenance/${fx.maintenance.vault}"`, `"id":${fx.incidents.vault},`, `"id":${fx.incidents.note},`, 'internal.test', 'Internal Status'];
}

describe('the private host refuses anonymous viewers on every route', () => {
  it('enumerates the public routes of src/pages', () => {
    expect(publicRoutes.map((r) => r.route)).toEqual(expect.arrayContaining(['/', '/feed.xml', '/api/v2/summary.json', '/incidents/[id]', '/sla.csv']));
  });

  it.each(pageRoutes.map((r) => r.route))('%s', async (route) => {
    const url = urlFor(route);
    const r = await getOn(server.port, HOSTS.internal, url);
    expect(r.headers['cache-control']).toBe('private, no-store');
    expect(r.headers['surrogate-key']).toBeUndefined();
    if (isMachineSurface(route)) {
      expect(r.status, url).toBe(401);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'viewer_token_required' } });
    } else {
      expect(r.status, url).toBe(303);
      expect(r.headers.location).toMatch(/^\/access\/sign-in\?/);
    }
    for (const s of privateMarkers()) expect(r.body).not.toContain(s);
  });

  it.each(publicRoutes.filter((r) => isViewerDoor(r.route)).map((r) => r.route))('the sign-in door %s names none of its records', async (route) => {
    const r = await getOn(server.port, HOSTS.internal, urlFor(route));
    expect(r.status, route).toBeLessThan(500);
    expect(r.headers['cache-control']).toMatch(/^private/);
    for (const s of privateMarkers().filter((m) => m !== 'Internal Status' && m !== 'internal.test')) expect(r.body).not.toContain(s);
  });

  it('the live stream and the mirror manifest are refused too', async () => {
    for (const url of ['/api/stream', '/mirror.json']) expect((await getOn(server.port, HOSTS.internal, url)).status, url).toBe(401);
  });

  it('the admin sign-in stays reachable on the private host', async () => {
    expect((await getOn(server.port, HOSTS.internal, '/admin/login')).status).toBe(200);
  });
});

describe('no leak: every public response of the public pages', () => {
  it.each(publicRoutes.flatMap((r) => [HOSTS.main, HOSTS.shop].map((host) => [host, r.route] as const)))('%s %s names nothing of the private page', async (host, route) => {
    const url = urlFor(route);
    const r = await getOn(server.port, host, url);
    expect(r.status, url).toBeLessThan(500);
    for (const s of privateMarkers()) expect(r.body, `${host}${url} leaks ${s}`).not.toContain(s);
  });
});
