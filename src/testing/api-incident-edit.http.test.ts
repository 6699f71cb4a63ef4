/** PATCH /api/v1/incidents/:id edits title, impact and affected components through incident.edit; bad input is a 4xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComponent } from '../server/services/components';
import { createApiKey } from '../server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

let server: RunningServer;
let key = '';
let writeKey = '';
const SEED = cliActor('test');

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    createComponent(db, { name: 'API', slug: 'api' }, SEED, Date.now());
    createComponent(db, { name: 'Web', slug: 'web' }, SEED, Date.now());
    key = createApiKey(db, 'ops', SEED, Date.now()).key;
    writeKey = createApiKey(db, 'bot', SEED, Date.now(), 'write').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(() => server?.stop());

const api = (path: string, method = 'GET', body?: unknown, bearer = key) =>
  fetch(`${server.baseURL}/api/v1${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('PATCH /api/v1/incidents/:id', () => {
  it('changes name, impact and components; the impact change is on the public timeline', async () => {
    const created = await (await api('/incidents', 'POST', { name: 'Slow API', impact: 'minor', status: 'investigating', body: 'Looking.', components: { api: 'degraded_performance' } })).json();
    const res = await api(`/incidents/${created.id}`, 'PATCH', { name: 'API and Web down', impact: 'major', components: ['api', 'web'] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: created.id, name: 'API and Web down', impact: 'major' });
    const html = await (await fetch(`${server.baseURL}/incidents/${created.id}`)).text();
    expect(html).toContain('Impact changed from Minor to Major.');
    expect(html).toContain('href="/components/web"');
  });

  it.each([
    [{}, 422],
    [{ impact: 'catastrophic' }, 422],
    [{ name: '' }, 422],
    [{ components: ['nope'] }, 422],
    [{ colour: 'red' }, 422],
  ])('refuses %j with %i', async (patch, status) => {
    const created = await (await api('/incidents', 'POST', { name: 'x', impact: 'minor', status: 'investigating', body: 'x' })).json();
    const res = await api(`/incidents/${created.id}`, 'PATCH', patch);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toMatch(/\w/);
  });

  it('is 404 for a missing incident', async () => {
    expect((await api('/incidents/999999', 'PATCH', { impact: 'major' })).status).toBe(404);
  });
});

describe('a PATCH commits all its parts or none', () => {
  it.each([
    ['403: a write key may rename but not exclude from the SLA', { excluded_from_sla: true, exclusion_reason: 'Vendor outage.' }, 'write', 403],
    ['422: an over-long exclusion reason', { excluded_from_sla: true, exclusion_reason: 'x'.repeat(501) }, 'admin', 422],
  ] as const)('incident: rename refused with the rest (%s)', async (_, sla, who, status) => {
    const created = await (await api('/incidents', 'POST', { name: 'Original', impact: 'minor', status: 'investigating', body: 'x' })).json();
    const res = await api(`/incidents/${created.id}`, 'PATCH', { name: 'Renamed', impact: 'major', ...sla }, who === 'write' ? writeKey : key);
    expect(res.status).toBe(status);
    const after = await (await api(`/incidents/${created.id}`)).json();
    expect(after).toMatchObject({ name: 'Original', impact: 'minor' });
  });

  it('component: a write key may set the status but not rename, so neither happens', async () => {
    const before = await (await api('/components/1')).json();
    const res = await api('/components/1', 'PATCH', { name: 'Renamed API', status: 'major_outage' }, writeKey);
    expect(res.status).toBe(403);
    expect(await (await api('/components/1')).json()).toEqual(before);
  });
});
