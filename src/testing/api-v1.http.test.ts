/** The write API against the built server: keys made in the UI, validation, backfill, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

let server: RunningServer;
let cookie: string;
let key: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
  const page = await fetch(`${server.baseURL}/admin/api-keys`, {
    method: 'POST',
    headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
    body: '_action=create&name=alerting&scope=admin',
  });
  key = /data-testid="new-api-key">(sp_[^<]+)</.exec(await page.text())![1];
});
afterAll(() => server?.stop());

const api = (path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.baseURL}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('write API', () => {
  it('creates a component with a backdated start date and finds it by id or slug', async () => {
    const res = await api('/components', 'POST', { name: 'Search API', start_date: '2026-01-01T00:00:00Z', target: 99.5 });
    expect(res.status).toBe(201);
    const c = await res.json();
    expect(c).toMatchObject({ slug: 'search-api', start_date: '2026-01-01T00:00:00.000Z', target: 99.5, status: 'operational' });
    const patched = await (await api('/components/search-api', 'PATCH', { status: 'partial_outage' })).json();
    expect(patched).toMatchObject({ id: c.id, status: 'partial_outage', automatic: false });
    const back = await (await api(`/components/${c.id}`, 'PATCH', { status: 'automatic', description: 'Full-text search' })).json();
    expect(back).toMatchObject({ status: 'operational', automatic: true, description: 'Full-text search' });
    const list = await (await api('/components')).json();
    expect(list.map((x: { slug: string }) => x.slug)).toContain('search-api');
  });

  it('backfills an incident: started_at and display_at in the past shape the public timeline', async () => {
    const start = Date.now() - 3 * HOUR;
    const res = await api('/incidents', 'POST', {
      name: 'Search was down',
      status: 'investigating',
      impact: 'major',
      body: 'Search returned errors.',
      components: { 'search-api': 'major_outage' },
      started_at: new Date(start).toISOString(),
      display_at: new Date(start + 10 * 60_000).toISOString(),
    });
    expect(res.status).toBe(201);
    const inc = await res.json();
    expect(inc).toMatchObject({ name: 'Search was down', status: 'investigating', started_at: new Date(start).toISOString() });
    const upd = await api(`/incidents/${inc.id}/updates`, 'POST', { status: 'resolved', body: 'Fixed.', display_at: new Date(start + HOUR).toISOString() });
    expect(upd.status).toBe(201);
    const got = await (await api(`/incidents/${inc.id}`)).json();
    expect(got.status).toBe('resolved');
    expect(got.resolved_at).toBe(new Date(start + HOUR).toISOString());
    expect(got.incident_updates.map((u: { body: string }) => u.body)).toEqual(['Fixed.', 'Search returned errors.']);
    const comp = (await (await api('/components')).json()).find((c: { slug: string }) => c.slug === 'search-api');
    expect(comp.status).toBe('operational');
  });

  it('refuses future times, loose dates and updates before the previous one', async () => {
    const future = await api('/incidents', 'POST', { name: 'x', status: 'investigating', impact: 'minor', body: 'x', started_at: new Date(Date.now() + HOUR).toISOString() });
    expect(future.status).toBe(422);
    expect((await future.json()).error.fields.started_at).toMatch(/future/);
    for (const bad of ['2026-02-30T10:00:00Z', '2026-03-01 10:00', '2026-03-01T10:00:00', 'last tuesday', 1700000000]) {
      const res = await api('/incidents', 'POST', { name: 'x', status: 'investigating', impact: 'minor', body: 'x', started_at: bad });
      expect(res.status, String(bad)).toBe(422);
    }
    const inc = await (await api('/incidents', 'POST', { name: 'Order', status: 'investigating', impact: 'minor', body: 'first' })).json();
    const early = await api(`/incidents/${inc.id}/updates`, 'POST', { status: 'identified', body: 'x', display_at: new Date(Date.now() - 5 * HOUR).toISOString() });
    expect(early.status).toBe(422);
    expect((await early.json()).error.fields.display_at).toBeTruthy();
  });

  it('answers bad bodies with 4xx JSON, never 500', async () => {
    const cases: [string, string, unknown, number][] = [
      ['/components', 'POST', '{"name":', 400],
      ['/components', 'POST', '[1,2,3]', 422],
      ['/components', 'POST', { name: 42 }, 422],
      ['/components', 'POST', { name: 'x', unknown_field: 1 }, 422],
      ['/components', 'POST', { name: 'x', group_id: 999 }, 422],
      ['/components/nope', 'PATCH', { status: 'operational' }, 404],
      ['/components/search-api', 'PATCH', { status: 'on fire' }, 422],
      ['/incidents', 'POST', { name: 'x', status: 'investigating', impact: 'huge', body: 'x' }, 422],
      ['/incidents', 'POST', { name: 'x', status: 'investigating', impact: 'minor', body: 'x', components: { ghost: 'major_outage' } }, 422],
      ['/incidents/999999/updates', 'POST', { status: 'resolved', body: 'x' }, 404],
      ['/incidents/abc', 'GET', undefined, 404],
      ['/maintenances', 'POST', { name: 'x', scheduled_for: '2030-01-01T01:00:00Z', scheduled_until: '2030-01-01T00:00:00Z' }, 422],
      ['/maintenances', 'POST', { name: 'x', scheduled_for: 'soon', scheduled_until: 'later' }, 422],
    ];
    for (const [path, method, body, status] of cases) {
      const res = await api(path, method, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      const j = await res.json();
      expect(typeof j.error.code).toBe('string');
      expect(typeof j.error.message).toBe('string');
    }
    const text = await api('/components', 'POST', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await text.json()).error.code).toBe('unsupported_media_type');
    const huge = await api('/incidents', 'POST', { name: 'x', status: 'investigating', impact: 'minor', body: 'a'.repeat(400_000) });
    expect(huge.status).toBe(413);
  });

  it('records a past maintenance window as completed, a future one as scheduled', async () => {
    const past = await api('/maintenances', 'POST', { name: 'Past', body: 'done', scheduled_for: new Date(Date.now() - 2 * HOUR).toISOString(), scheduled_until: new Date(Date.now() - HOUR).toISOString(), components: ['search-api'] });
    expect(past.status).toBe(201);
    expect((await past.json()).status).toBe('completed');
    const next = await api('/maintenances', 'POST', { name: 'Next', scheduled_for: new Date(Date.now() + HOUR).toISOString(), scheduled_until: new Date(Date.now() + 2 * HOUR).toISOString(), components: [] });
    expect((await next.json()).status).toBe('scheduled');
  });

  it('stamps last use, audits key writes, and stops accepting a revoked key', async () => {
    const keys = await (await fetch(`${server.baseURL}/admin/api-keys`, { headers: { cookie } })).text();
    expect(keys).toContain('alerting');
    expect(keys).not.toContain(key);
    const audit = await (await fetch(`${server.baseURL}/admin/audit?actor=key:alerting`, { headers: { cookie } })).text();
    expect(audit).toContain('incident.create');
    expect(audit).toContain('backfilled');
    expect(audit).toMatch(/key:alerting <span class="hint">\(apikey, (::ffff:)?127\.0\.0\.1\)/);
    const id = /name="api_key_id" value="(\d+)"/.exec(keys)![1];
    const revoke = await fetch(`${server.baseURL}/admin/api-keys`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: `_action=revoke&api_key_id=${id}` });
    expect(revoke.status).toBe(303);
    const after = await api('/components');
    expect(after.status).toBe(401);
  });
});
