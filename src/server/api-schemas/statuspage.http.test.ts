/** Real responses of the built server validated against the Statuspage v2 schemas, across states. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { NASTY_TITLE, seedComponents, seedScenario, TEST_ACTOR, type Scenario } from '../../testing/subscriber-scenario';
import { createIncident } from '../services/incidents';
import { errorResponseSchema, V2_SCHEMAS } from './statuspage';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const PATHS = Object.keys(V2_SCHEMAS) as (keyof typeof V2_SCHEMAS)[];
const SITE = 'https://status.example.com';

async function getJson(server: RunningServer, path: string): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${server.baseURL}/api/v2/${path}`);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

function expectValid(path: keyof typeof V2_SCHEMAS, body: unknown): void {
  const validate = ajv.compile(V2_SCHEMAS[path]);
  const ok = validate(body);
  expect(ok, `${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

describe('Statuspage v2 API, no incidents', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dbPath = tempDbPath();
    seedDatabase(dbPath, (db) => seedComponents(db, Date.now()));
    server = await startServer({ dbPath, env: { SITE_URL: SITE, PAGE_NAME: 'Acme' } });
  });
  afterAll(() => server?.stop());

  it('answers HEAD like GET on a cold cache', async () => {
    for (const p of PATHS) {
      const head = await fetch(`${server.baseURL}/api/v2/${p}`, { method: 'HEAD' });
      expect(head.status, p).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it.each(PATHS)('%s matches its schema', async (path) => {
    const r = await getJson(server, path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expectValid(path, r.body);
  });

  it('is all operational with empty lists and group rows', async () => {
    const s = (await getJson(server, 'summary.json')).body;
    expect(s.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(s.page).toMatchObject({ name: 'Acme', url: SITE, time_zone: 'Etc/UTC' });
    expect(s.incidents).toEqual([]);
    expect(s.scheduled_maintenances).toEqual([]);
    const group = s.components.find((c: any) => c.group);
    expect(group).toMatchObject({ name: 'Core', group: true, group_id: null });
    const children = s.components.filter((c: any) => c.group_id === group.id);
    expect(children.map((c: any) => c.name)).toEqual(['API', 'Web app']);
    expect(group.components).toEqual(children.map((c: any) => c.id));
    expect(s.components.find((c: any) => c.name === 'Email').group_id).toBeNull();
    expect((await getJson(server, 'incidents.json')).body.incidents).toEqual([]);
  });

  it('answers other methods with a JSON 405', async () => {
    for (const p of PATHS) {
      const r = await fetch(`${server.baseURL}/api/v2/${p}`, { method: 'POST', headers: { origin: server.baseURL } });
      expect(r.status, p).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(ajv.validate(errorResponseSchema, await r.json()), p).toBe(true);
    }
  });

  it('answers an unknown path with a JSON 404', async () => {
    for (const p of ['nope.json', 'incidents/42.json', 'components']) {
      const r = await getJson(server, p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(ajv.validate(errorResponseSchema, r.body), p).toBe(true);
      expect(r.body.error.code).toBe('not_found');
    }
  });
});

describe('Statuspage v2 API, every state', () => {
  let server: RunningServer;
  let sc: Scenario;
  beforeAll(async () => {
    const dbPath = tempDbPath();
    seedDatabase(dbPath, (db) => (sc = seedScenario(db, Date.now())));
    server = await startServer({ dbPath, env: { SITE_URL: SITE } });
  });
  afterAll(() => server?.stop());

  it.each(PATHS)('%s matches its schema', async (path) => {
    const r = await getJson(server, path);
    expect(r.status).toBe(200);
    expectValid(path, r.body);
  });

  it('reports the worst state and the unresolved incident', async () => {
    const s = (await getJson(server, 'summary.json')).body;
    expect(s.status.indicator).toBe('major');
    expect(s.incidents.map((i: any) => i.id)).toEqual([String(sc.activeIncident)]);
    expect(s.incidents[0].name).toBe(NASTY_TITLE);
    expect(s.scheduled_maintenances.map((m: any) => m.status)).toEqual(['in_progress', 'scheduled']);
    const group = s.components.find((c: any) => c.group);
    expect(group.status).toBe('partial_outage');
    const unresolved = (await getJson(server, 'incidents/unresolved.json')).body.incidents;
    expect(unresolved.map((i: any) => i.id)).toEqual([String(sc.activeIncident)]);
  });

  it('lists incidents newest first, updates newest first, with the post-mortem', async () => {
    const list = (await getJson(server, 'incidents.json')).body.incidents;
    expect(list.map((i: any) => i.id)).toEqual([String(sc.activeIncident), String(sc.resolvedIncident)]);
    const resolved = list[1];
    expect(resolved).toMatchObject({ status: 'postmortem', impact: 'critical', shortlink: `${SITE}/incidents/${sc.resolvedIncident}`, reminder_intervals: null });
    expect(resolved).not.toHaveProperty('postmortem_body');
    expect(resolved.incident_updates.map((u: any) => u.status)).toEqual(['resolved', 'investigating']);
    expect(Date.parse(resolved.resolved_at)).toBe(Date.parse(resolved.incident_updates[0].display_at));
    expect(resolved.components.map((c: any) => c.name)).toEqual(['API']);
    expect(resolved.incident_updates[1].affected_components).toEqual([{ code: String(sc.api), name: 'API', old_status: 'operational', new_status: 'major_outage' }]);
  });

  it('lists affected components on every update and gives each maintenance its own page', async () => {
    const s = (await getJson(server, 'summary.json')).body;
    for (const i of [...s.incidents, ...s.scheduled_maintenances]) for (const u of i.incident_updates) expect(Array.isArray(u.affected_components)).toBe(true);
    const active = s.scheduled_maintenances.find((m: any) => m.status === 'in_progress');
    expect(active.incident_updates[0].affected_components.every((a: any) => a.new_status === 'under_maintenance')).toBe(true);
    expect(active.started_at).toBe(active.created_at);
    expect(active.shortlink).toBe(`${SITE}/maintenance/${sc.maintenance.active}`);
    expect((await fetch(`${server.baseURL}/maintenance/${sc.maintenance.active}`)).status).toBe(200);
    expect((await fetch(`${server.baseURL}/maintenance/999999`)).status).toBe(404);
  });

  it('splits maintenance into upcoming, active and all (completed included)', async () => {
    const ids = async (p: keyof typeof V2_SCHEMAS) => (await getJson(server, p)).body.scheduled_maintenances.map((m: any) => `${m.id}:${m.status}`);
    const { upcoming, active, completed } = sc.maintenance;
    expect(await ids('scheduled-maintenances/upcoming.json')).toEqual([`m${upcoming}:scheduled`]);
    expect(await ids('scheduled-maintenances/active.json')).toEqual([`m${active}:in_progress`]);
    expect(await ids('scheduled-maintenances.json')).toEqual([`m${upcoming}:scheduled`, `m${active}:in_progress`, `m${completed}:completed`]);
  });
});

describe('the schemas are strict', () => {
  const page = { id: 'p', name: 'n', url: SITE, time_zone: 'Etc/UTC', updated_at: '2026-11-23T12:00:00.000Z' };
  it.each([
    ['a numeric timestamp', { page: { ...page, updated_at: 1 }, status: { indicator: 'none', description: 'x' } }],
    ['a timestamp without offset', { page: { ...page, updated_at: '2026-11-23T12:00:00' }, status: { indicator: 'none', description: 'x' } }],
    ['an unknown indicator', { page, status: { indicator: 'ok', description: 'x' } }],
    ['an extra field', { page, status: { indicator: 'none', description: 'x', extra: 1 } }],
  ])('rejects %s', (_name, body) => {
    expect(ajv.validate(V2_SCHEMAS['status.json'], body)).toBe(false);
  });
  it('rejects a group row without children and a component row with them', () => {
    const c = { id: '1', name: 'A', status: 'operational', created_at: page.updated_at, updated_at: page.updated_at, position: 1, description: null, showcase: true, start_date: null, group_id: null, page_id: 'p', group: false, only_show_if_degraded: false };
    const schema = V2_SCHEMAS['components.json'];
    expect(ajv.validate(schema, { page, components: [c] })).toBe(true);
    expect(ajv.validate(schema, { page, components: [{ ...c, group: true }] })).toBe(false);
    expect(ajv.validate(schema, { page, components: [{ ...c, components: ['2'] }] })).toBe(false);
  });
});

describe('long history', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dbPath = tempDbPath();
    seedDatabase(dbPath, (db) => {
      const now = Date.now();
      seedComponents(db, now);
      for (let k = 0; k < 55; k++) {
        createIncident(db, { title: `Old ${k}`, impact: 'minor', status: 'resolved', body: 'Done.', components: {}, startedAt: now - (100 - k) * 3_600_000 }, TEST_ACTOR, now);
      }
    });
    server = await startServer({ dbPath, env: { SITE_URL: SITE } });
  });
  afterAll(() => server?.stop());

  it('lists the 50 most recent incidents, newest first, in the API and the feed', async () => {
    const r = await getJson(server, 'incidents.json');
    expectValid('incidents.json', r.body);
    const names = r.body.incidents.map((i: { name: string }) => i.name);
    expect(names).toHaveLength(50);
    expect(names[0]).toBe('Old 54');
    expect(names[49]).toBe('Old 5');
    const feed = await (await fetch(`${server.baseURL}/feed.xml`)).text();
    expect(feed.match(/<item>/g)).toHaveLength(50);
    expect(feed).not.toContain('Old 4]]>');
  });
});
