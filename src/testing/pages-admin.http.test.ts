/**
 * Issue 24: pages are managed in /admin/pages and through /api/v1/verbs/page.*; a new page answers on its host at
 * once (the page list is read again when the change log moves); bad input gets its message, never a half-write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../server/services/actor';
import { createComponent } from '../server/services/components';
import { createIncident } from '../server/services/incidents';
import { createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { getOn } from './pages-fixture';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const actor = cliActor('test');
    const now = Date.now();
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, actor, now);
    const api = createComponent(db, { name: 'Billing API', slug: 'billing', startDate: now - 86_400_000 }, actor, now).id;
    createComponent(db, { name: 'Search', slug: 'search', startDate: now - 86_400_000 }, actor, now);
    createIncident(db, { title: 'Invoices are late', impact: 'minor', status: 'investigating', body: 'Looking.', components: { [api]: 'degraded_performance' } }, actor, now);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
});
afterAll(() => server?.stop());

const post = (path: string, fields: Record<string, string>) =>
  fetch(server.baseURL + path, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

describe('/admin/pages', () => {
  it('refuses a bad host name next to the field, keeps what was typed, and writes nothing', async () => {
    const res = await post('/admin/pages', { _action: 'create', name: 'Billing', slug: 'billing', hosts: 'billing.test\nnot a host/x', visibility: 'public', components: '1' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('is not a host name');
    expect(html).toContain('value="Billing"');
    expect(await (await fetch(`${server.baseURL}/admin/pages`, { headers: { cookie } })).text()).not.toContain('data-page="billing"');
  });

  it('creates a page from the form that answers on its host with its components only', async () => {
    const res = await post('/admin/pages', { _action: 'create', name: 'Billing status', slug: 'billing', hosts: 'billing.test', visibility: 'public', components: '1' });
    expect(res.status).toBe(303);
    const home = await getOn(server.port, 'billing.test', '/');
    expect(home.body).toContain('Billing status');
    expect(home.body).toContain('Invoices are late');
    expect(home.body).not.toContain('Search');
    // every other host still gets the default page, with every component
    expect((await getOn(server.port, 'other.test', '/')).body).toContain('Search');
  });

  it('refuses a host another page already answers on', async () => {
    const res = await post('/admin/pages', { _action: 'create', name: 'Copy', slug: 'copy', hosts: 'BILLING.test', visibility: 'public' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('already answers on billing.test');
  });
});

describe('/api/v1/verbs/page.*', () => {
  const api = (verb: string, body: unknown) =>
    fetch(`${server.baseURL}/api/v1/verbs/${verb}`, { method: 'POST', headers: { cookie, origin: server.baseURL, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers bad input with 4xx JSON naming the field', async () => {
    const res = await api('page.create', { name: 'X', slug: 'Bad Slug', hosts: ['x.test'] });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { fields: { slug: expect.any(String) } } });
    const zone = await api('page.create', { name: 'X', slug: 'x', time_zone: 'Mars/Olympus' });
    expect((await zone.json()).error.fields.time_zone).toMatch(/time zone/);
  });

  it('makes a private page whose host then refuses anonymous viewers, and refuses to delete the default page', async () => {
    const res = await api('page.create', { name: 'Staff', slug: 'staff', hosts: ['staff.test'], visibility: 'private', components: ['search'] });
    expect(res.status).toBe(200);
    expect((await getOn(server.port, 'staff.test', '/')).status).toBe(401);
    const del = await api('page.delete', { page_id: 1 });
    expect(del.status).toBe(409);
  });
});
