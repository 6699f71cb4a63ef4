/**
 * Statuspage's management API on the built server, driven by two independent clients changed only in their base
 * URL: the npm `statuspage` client and an `openapi-fetch` client typed from Atlassian's own description. Every
 * answer is checked against that description (statuspage-spec.ts).
 */
import createClient from 'openapi-fetch';
import StatusPage from 'statuspage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server-harness';
import type { SmtpSink } from './smtp-sink';
import { startSpServer, type SpServer } from './statuspage-harness';
import { specErrors } from './statuspage-spec';
import type { paths } from './fixtures/statuspage-openapi';

let harness: SpServer;
let server: RunningServer;
let sink: SmtpSink;
let keys: SpServer['keys'];
let pageId = '';
let call: SpServer['call'];

beforeAll(async () => {
  harness = await startSpServer();
  ({ server, sink, keys, pageId, call } = harness);
});
afterAll(() => harness?.stop());

/** Fails with the description's complaints when `body` is not what Statuspage would answer. */
function expectSpec(method: string, template: string, status: number, body: unknown): void {
  expect(specErrors(method, template, status, body), `${method} ${template} → ${status}`).toEqual([]);
}

const components = async () =>
  (await (await call('/components')).json()) as { id: string; name: string; status: string }[];
const idOf = async (name: string) => (await components()).find((c) => c.name === name)!.id;

describe('the npm statuspage client, base URL changed only', () => {
  const client = () => {
    const c = new StatusPage(keys.admin, pageId);
    c.instance.defaults.baseURL = `${server.baseURL}/api`;
    return c;
  };

  it('creates, lists, sets the status of and deletes a component (form-encoded, OAuth, .json paths)', async () => {
    const sp = client();
    const created = await sp.createComponent('Search Cluster');
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'Search Cluster', status: 'operational', page_id: pageId });
    expectSpec('POST', '/pages/{page_id}/components', 201, created.data);
    const id = String(created.data.id);

    const list = await sp.getComponents();
    expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(['API', 'Dashboard', 'Search Cluster']));
    expectSpec('GET', '/pages/{page_id}/components', 200, list);

    const updated = await sp.updateComponentState(id, 'major_outage');
    expect(updated.data).toMatchObject({ id, status: 'major_outage' });
    expectSpec('PATCH', '/pages/{page_id}/components/{component_id}', 200, updated.data);
    const v2 = await (await fetch(`${server.baseURL}/api/v2/components.json`)).json();
    expect(v2.components.find((c: { id: string }) => c.id === id)).toMatchObject({ status: 'major_outage' });

    expect((await sp.deleteComponent(id)).status).toBe(204);
    expect((await call(`/components/${id}`)).status).toBe(404);
  });

  it('answers the metric call it cannot serve with a JSON 404, not an HTML page', async () => {
    const err = await client()
      .updateMetric('m1', 5)
      .catch((e: { response: { status: number; data: unknown } }) => e.response);
    expect(err).toMatchObject({ status: 404, data: { error: expect.any(String) } });
  });
});

describe("a client generated from Atlassian's description (openapi-typescript + openapi-fetch), base URL changed only", () => {
  const client = () =>
    createClient<paths>({ baseUrl: `${server.baseURL}/api/v1`, headers: { Authorization: `OAuth ${keys.admin}` } });
  const page_id = () => pageId;

  it('creates an incident with impact_override, component_ids and component statuses, updates it, resolves it and lists it', async () => {
    const sp = client();
    const api = await idOf('API');
    const dashboard = await idOf('Dashboard');
    const created = await sp.POST('/pages/{page_id}/incidents', {
      params: { path: { page_id: page_id() } },
      body: {
        incident: {
          name: 'Elevated API errors',
          status: 'investigating',
          impact_override: 'major',
          body: 'We are looking into it.',
          components: { [api]: 'partial_outage' },
          component_ids: [api, dashboard],
          deliver_notifications: false,
        },
      },
    });
    expect(created.response.status).toBe(201);
    expectSpec('POST', '/pages/{page_id}/incidents', 201, created.data);
    const incident = created.data!;
    expect(incident).toMatchObject({
      name: 'Elevated API errors',
      status: 'investigating',
      impact: 'major',
      page_id: pageId,
    });
    expect(incident.components!.map((c) => c.id).sort()).toEqual([api, dashboard].sort());
    expect((await components()).find((c) => c.id === api)!.status).toBe('partial_outage');

    const updated = await sp.PATCH('/pages/{page_id}/incidents/{incident_id}', {
      params: { path: { page_id: page_id(), incident_id: incident.id! } },
      body: { incident: { status: 'identified', body: 'A bad deploy; rolling back.' } },
    });
    expect(updated.response.status).toBe(200);
    expectSpec('PATCH', '/pages/{page_id}/incidents/{incident_id}', 200, updated.data);
    expect(updated.data).toMatchObject({ status: 'identified' });
    expect(updated.data!.incident_updates!.map((u) => u.body)).toEqual([
      'A bad deploy; rolling back.',
      'We are looking into it.',
    ]);

    // Resolving as the Statuspage clients do: a PATCH with the status alone.
    const resolved = await sp.PATCH('/pages/{page_id}/incidents/{incident_id}', {
      params: { path: { page_id: page_id(), incident_id: incident.id! } },
      body: { incident: { status: 'resolved', components: { [api]: 'operational' } } },
    });
    expect(resolved.data).toMatchObject({ status: 'resolved', resolved_at: expect.any(String) });
    expect((await components()).find((c) => c.id === api)!.status).toBe('operational');

    const list = await sp.GET('/pages/{page_id}/incidents', {
      params: { path: { page_id: page_id() }, query: { q: 'bad deploy', limit: 10, page: 1 } },
    });
    expectSpec('GET', '/pages/{page_id}/incidents', 200, list.data);
    expect(list.data!.map((i) => i.id)).toEqual([incident.id]);
    const none = await sp.GET('/pages/{page_id}/incidents', {
      params: { path: { page_id: page_id() }, query: { q: 'no such words', limit: 10, page: 1 } },
    });
    expect(none.data).toEqual([]);
    const unresolved = await sp.GET('/pages/{page_id}/incidents/unresolved', {
      params: { path: { page_id: page_id() }, query: { per_page: 100, page: 1 } },
    });
    expect(unresolved.data!.map((i) => i.id)).not.toContain(incident.id);
    const one = await sp.GET('/pages/{page_id}/incidents/{incident_id}', {
      params: { path: { page_id: page_id(), incident_id: incident.id! } },
    });
    expectSpec('GET', '/pages/{page_id}/incidents/{incident_id}', 200, one.data);
  });

  it('updates a component with the component wrapper and reads it back', async () => {
    const sp = client();
    const dashboard = await idOf('Dashboard');
    const r = await sp.PATCH('/pages/{page_id}/components/{component_id}', {
      params: { path: { page_id: page_id(), component_id: dashboard } },
      body: { component: { status: 'degraded_performance', description: 'The web console' } },
    });
    expect(r.data).toMatchObject({ id: dashboard, status: 'degraded_performance', description: 'The web console' });
    expectSpec('PATCH', '/pages/{page_id}/components/{component_id}', 200, r.data);
    const g = await sp.GET('/pages/{page_id}/components/{component_id}', {
      params: { path: { page_id: page_id(), component_id: dashboard } },
    });
    expectSpec('GET', '/pages/{page_id}/components/{component_id}', 200, g.data);
  });

  it('schedules a maintenance with scheduled_for/until and lists it as upcoming', async () => {
    const sp = client();
    const from = new Date(Date.now() + 3_600_000).toISOString();
    const until = new Date(Date.now() + 7_200_000).toISOString();
    const r = await sp.POST('/pages/{page_id}/incidents', {
      params: { path: { page_id: page_id() } },
      body: {
        incident: {
          name: 'Database upgrade',
          status: 'scheduled',
          scheduled_for: from,
          scheduled_until: until,
          scheduled_remind_prior: true,
          component_ids: [await idOf('API')],
          body: 'Read-only for an hour.',
        },
      },
    });
    expect(r.response.status).toBe(201);
    expectSpec('POST', '/pages/{page_id}/incidents', 201, r.data);
    expect(r.data).toMatchObject({
      status: 'scheduled',
      impact: 'maintenance',
      scheduled_for: from,
      scheduled_until: until,
    });
    const upcoming = await sp.GET('/pages/{page_id}/incidents/upcoming', {
      params: { path: { page_id: page_id() }, query: { per_page: 100, page: 1 } },
    });
    expectSpec('GET', '/pages/{page_id}/incidents/upcoming', 200, upcoming.data);
    expect(upcoming.data!.map((i) => i.id)).toContain(r.data!.id);
  });

  it('creates and lists a component group', async () => {
    const sp = client();
    const api = await idOf('API');
    const r = await sp.POST('/pages/{page_id}/component-groups', {
      params: { path: { page_id: page_id() } },
      body: { component_group: { name: 'Backend', components: [api] } },
    });
    expect(r.response.status).toBe(201);
    expectSpec('POST', '/pages/{page_id}/component-groups', 201, r.data);
    expect(r.data).toMatchObject({ name: 'Backend', components: [api] });
    const list = await sp.GET('/pages/{page_id}/component-groups', { params: { path: { page_id: page_id() } } });
    expectSpec('GET', '/pages/{page_id}/component-groups', 200, list.data);
    // Statuspage lists a group among the components too, as a row with group: true.
    const all = await sp.GET('/pages/{page_id}/components', { params: { path: { page_id: page_id() } } });
    expectSpec('GET', '/pages/{page_id}/components', 200, all.data);
    expect(all.data!.find((c) => c.id === r.data!.id)).toMatchObject({ group: true, name: 'Backend' });
    expect(all.data!.find((c) => c.id === api)).toMatchObject({ group: false, group_id: r.data!.id });
  });
});

describe('public subscribe as Statuspage answers it (POST /api/v2/subscribers.json)', () => {
  it.each([
    ['JSON', 'application/json', (e: string) => JSON.stringify({ subscriber: { email: e } })],
    ['a form', 'application/x-www-form-urlencoded', (e: string) => `subscriber[email]=${encodeURIComponent(e)}`],
  ])('with %s: 201, and a confirmation e-mail (double opt-in)', async (_what, type, body) => {
    const email = `reader-${type.length}@example.com`;
    const r = await fetch(`${server.baseURL}/api/v2/subscribers.json`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: body(email),
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ subscriber: { email, mode: 'email' }, page: { id: pageId } });
    await sink.waitFor(() => sink.to(email).length > 0, `the confirmation mail to ${email}`);
    expect(sink.to(email)[0].text).toMatch(/confirm/i);
  });

  it('refuses a bad address with a 422 JSON error', async () => {
    const r = await fetch(`${server.baseURL}/api/v2/subscribers.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"subscriber":{"email":"nope"}}',
    });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ error: expect.stringContaining('email') });
  });
});

describe('keys and pages', () => {
  it('accepts the key as ?api_key= and as Bearer, refuses a missing or wrong one with 401 {"error"}', async () => {
    expect((await fetch(`${server.baseURL}/api/v1/pages/${pageId}/components.json?api_key=${keys.read}`)).status).toBe(
      200,
    );
    expect(
      (
        await fetch(`${server.baseURL}/api/v1/pages/${pageId}.json`, {
          headers: { authorization: `Bearer ${keys.read}` },
        })
      ).status,
    ).toBe(200);
    for (const headers of [{}, { authorization: 'OAuth sp_wrong' }] as Record<string, string>[]) {
      const r = await fetch(`${server.baseURL}/api/v1/pages/${pageId}/incidents`, { headers });
      expect(r.status).toBe(401);
      const body = await r.json();
      expect(body).toEqual({ error: expect.any(String), message: expect.any(String), code: 'unauthorized' });
      expectSpec('GET', '/pages/{page_id}/incidents', 401, body);
    }
  });

  it('answers an unknown page or resource with a JSON 404', async () => {
    for (const url of [
      '/api/v1/pages/nosuchpage/components',
      `/api/v1/pages/${pageId}/components/999999`,
      `/api/v1/pages/${pageId}/nothing-here`,
      `/api/v1/pages/${pageId}/incidents/abc`,
    ]) {
      const r = await fetch(`${server.baseURL}${url}`, { headers: { authorization: `OAuth ${keys.admin}` } });
      expect(r.status, url).toBe(404);
      expect(await r.json(), url).toMatchObject({ error: expect.any(String) });
    }
  });

  it('a read-only key reads but every write is a 403 {"error"} and changes nothing', async () => {
    expect((await call('/incidents', 'GET', undefined, keys.read)).status).toBe(200);
    const before = JSON.stringify(await components());
    const api = await idOf('API');
    const writes: [string, string, unknown][] = [
      ['/components', 'POST', { component: { name: 'X' } }],
      [`/components/${api}`, 'PATCH', { component: { status: 'major_outage' } }],
      [`/components/${api}`, 'DELETE', undefined],
      ['/incidents', 'POST', { incident: { name: 'X', components: { [api]: 'major_outage' } } }],
      ['/component-groups', 'POST', { component_group: { name: 'X' } }],
    ];
    for (const [path, method, body] of writes) {
      const r = await call(path, method, body, keys.read);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(await r.json()).toMatchObject({ error: expect.any(String) });
    }
    expect(JSON.stringify(await components())).toBe(before);
  });

  it('a write key (editor rights) posts incidents but may not delete components', async () => {
    const r = await call(
      '/incidents',
      'POST',
      { incident: { name: 'Editor incident', body: 'Checking.', deliver_notifications: false } },
      keys.write,
    );
    expect(r.status).toBe(201);
    expect((await call(`/components/${await idOf('API')}`, 'DELETE', undefined, keys.write)).status).toBe(403);
  });
});

describe('bad input is a 4xx with {"error"}, never a 500, and writes nothing', () => {
  const cases: [string, string, string, unknown, boolean?][] = [
    ['not JSON', 'POST', '/incidents', '{"incident":', false],
    ['a JSON array', 'POST', '/incidents', '[1]'],
    ['no name', 'POST', '/incidents', { incident: { status: 'investigating' } }],
    ['an unknown status', 'POST', '/incidents', { incident: { name: 'x', status: 'exploded' } }],
    ['an unknown field', 'POST', '/incidents', { incident: { name: 'x', colour: 'red' } }],
    [
      'an unknown component',
      'POST',
      '/incidents',
      { incident: { name: 'x', components: { '999999': 'major_outage' } } },
    ],
    [
      'a component status outside the list',
      'POST',
      '/incidents',
      { incident: { name: 'x', components: { '1': 'on_fire' } } },
    ],
    ['tweeting', 'POST', '/incidents', { incident: { name: 'x', auto_tweet_on_creation: true } }],
    ['metadata', 'POST', '/incidents', { incident: { name: 'x', metadata: { jira: { issue_id: 'A-1' } } } }],
    ['a backfill without its date', 'POST', '/incidents', { incident: { name: 'x', backfilled: true } }],
    [
      'a scheduled window without its end',
      'POST',
      '/incidents',
      { incident: { name: 'x', scheduled_for: '2030-01-01T00:00:00Z' } },
    ],
    ['a malformed form key', 'POST', '/components', 'component[name=x', true],
    ['a form with a bad status', 'PATCH', '/components/1', 'component[status]=purple', true],
    ['an empty component name', 'POST', '/components', { component: { name: '' } }],
    ['a wrapper that is not an object', 'POST', '/components', { component: 'API' }],
    ['an XML body', 'POST', '/components', '<component/>'],
    ['a bad limit', 'GET', '/incidents?limit=abc', undefined],
    ['a limit over 100', 'GET', '/incidents?limit=1000', undefined],
  ];

  it.each(cases)('%s', async (_what, method, path, body, form) => {
    const before = JSON.stringify([await components(), await (await call('/incidents')).json()]);
    const xml = _what === 'an XML body';
    const r = xml
      ? await fetch(`${server.baseURL}/api/v1/pages/${pageId}${path}`, {
          method,
          headers: { authorization: `OAuth ${keys.admin}`, 'content-type': 'application/xml' },
          body: body as string,
        })
      : await call(path, method, body, keys.admin, form);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(await r.json()).toMatchObject({ error: expect.any(String) });
    expect(JSON.stringify([await components(), await (await call('/incidents')).json()])).toBe(before);
  });
});
