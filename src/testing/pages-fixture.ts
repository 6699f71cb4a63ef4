/**
 * Issue 24's fixture: two public pages on two hosts and a private page on a third, written through the real verbs.
 * The default page (status.test) shows shared-api and main-web; the shop page (shop.test) shared-api and
 * shop-checkout; the private page (internal.test) shared-api and a vault only it shows. Names marked SECRET must never reach a public response.
 */
import http from 'node:http';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/constants';
import type { Db } from '../server/db';
import { createIncident as createIncidentVerb } from '../server/features/incidents/verbs';
import { createPage, updatePage } from '../server/features/pages/verbs';
import { defaultPage } from '../server/queries/pages';
import { createComponent } from '../server/services/components';
import { createIncident } from '../server/services/incidents';
import { createMaintenance } from '../server/services/maintenance';
import { TEST_ACTOR } from './subscriber-scenario';

export const HOSTS = { main: 'status.test', shop: 'shop.test', internal: 'internal.test' } as const;

export const SECRET = { component: 'Vaultzq Keystore', slug: 'vaultzq', incident: 'Vaultzq keys rotated', note: 'Staff-only zq note', maintenance: 'Vaultzq rekeying' } as const;

export interface PagesFixture {
  pages: { main: number; shop: number; internal: number };
  components: { api: number; web: number; checkout: number; vault: number };
  incidents: { web: number; checkout: number; api: number; vault: number; note: number };
  maintenance: { checkout: number; vault: number };
}

/** Writes the fixture; `now` is the clock of every write. */
export function seedPages(db: Db, now: number): PagesFixture {
  const start = now - 40 * MS_PER_DAY;
  const comp = (name: string, slug: string) => createComponent(db, { name, slug, startDate: start }, TEST_ACTOR, now).id;
  const components = { api: comp('Shared API', 'shared-api'), web: comp('Main Web', 'main-web'), checkout: comp('Shop Checkout', 'shop-checkout'), vault: comp(SECRET.component, SECRET.slug) };
  const ctx = { db, now, actor: TEST_ACTOR };
  const main = defaultPage(db);
  updatePage(ctx, { page_id: main.id, slug: 'main', name: 'Main Status', hosts: [HOSTS.main], visibility: 'public', all_components: false, components: [components.api, components.web] });
  const shop = createPage(ctx, { slug: 'shop', name: 'Shop Status', hosts: [HOSTS.shop], components: ['shared-api', 'shop-checkout'] }).id;
  const internal = createPage(ctx, { slug: 'internal', name: 'Internal Status', hosts: [HOSTS.internal], visibility: 'private', components: ['shared-api', SECRET.slug] }).id;
  const open = (title: string, id: number) => createIncident(db, { title, impact: 'minor', status: 'investigating', body: `About ${title}.`, components: { [id]: 'degraded_performance' }, startedAt: now - 2 * MS_PER_HOUR }, TEST_ACTOR, now).id;
  const incidents = {
    web: open('Main web is slow', components.web),
    checkout: open('Checkout declines cards', components.checkout),
    api: open('Shared API errors', components.api),
    vault: open(SECRET.incident, components.vault),
    note: createIncidentVerb(ctx, { name: SECRET.note, impact: 'none', status: 'investigating', body: 'Only for staff.', components: { [components.api]: 'operational' }, pages: [internal] }).id,
  };
  const window = (title: string, id: number) => createMaintenance(db, { title, body: `${title}.`, scheduledFor: now + MS_PER_DAY, scheduledUntil: now + MS_PER_DAY + MS_PER_HOUR, components: [id] }, TEST_ACTOR, now).id;
  return { pages: { main: main.id, shop, internal }, components, incidents, maintenance: { checkout: window('Checkout upgrade', components.checkout), vault: window(SECRET.maintenance, components.vault) } };
}

export interface HostResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET to the server on loopback with the given Host header (fetch cannot set Host). */
export function getOn(port: number, host: string, path: string, headers: Record<string, string> = {}): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
