/** Templates carry the whole first update (status, impact, component statuses, notify), through the form, the API and the no-JS "Use template". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { seedComponents, TEST_ACTOR } from './subscriber-scenario';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };
let server: RunningServer;
let cookie = '';
let key = '';
const ids = { api: 0, web: 0, lone: 0 };

beforeAll(async () => {
  const dbPath = tempDbPath('templates-');
  seedDatabase(dbPath, (db) => {
    Object.assign(ids, seedComponents(db, Date.now()));
    key = createApiKey(db, 'ops', TEST_ACTOR, Date.now(), 'write').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  cookie = await signInCookie(server.baseURL, ADMIN.email, ADMIN.password);
});
afterAll(() => server?.stop());

const post = (path: string, fields: Record<string, string>) =>
  fetch(server.baseURL + path, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
const get = async (path: string) => (await fetch(server.baseURL + path, { headers: { cookie } })).text();
const selected = (html: string, id: string) => {
  const options = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([a-z_]*)" selected/.exec(options)?.[1] ?? '';
};
const checked = (html: string, id: string) => new RegExp(`<input type="checkbox" id="${id}"[^>]*checked`).test(html);

describe('incident templates', () => {
  it('links to creating one from the declare form when none exist', async () => {
    const html = await get('/admin/incidents/new');
    expect(html).toContain('No templates yet: <a href="/admin/templates#new">create one</a>');
    expect(await get('/admin/templates')).toContain('id="new"');
  });

  it('stores status, component statuses and the notify choice, and the no-JS "Use template" fills them all in', async () => {
    const res = await post('/admin/templates', { _action: 'create', name: 'API down', title: 'API errors </script><b>', impact: 'critical', status: 'identified', body: 'We found it.', [`component_${ids.api}`]: 'major_outage', [`component_${ids.web}`]: 'degraded_performance', [`component_${ids.lone}`]: '', deliver_notifications: 'off' });
    expect(res.status).toBe(303);
    const list = await get('/admin/templates');
    expect(selected(list, `t1-component_${ids.api}`)).toBe('major_outage');
    expect(selected(list, 't1-status')).toBe('identified');
    expect(checked(list, 't1-deliver_notifications')).toBe(false);

    const html = await get('/admin/incidents/new?template=1');
    expect(html).toContain('id="f-name" name="name" value="API errors </script><b>"');
    expect(selected(html, 'f-impact')).toBe('critical');
    expect(selected(html, 'f-status')).toBe('identified');
    expect(selected(html, `f-component_${ids.api}`)).toBe('major_outage');
    expect(selected(html, `f-component_${ids.web}`)).toBe('degraded_performance');
    expect(selected(html, `f-component_${ids.lone}`)).toBe('');
    expect(checked(html, 'f-deliver_notifications')).toBe(false);
    // the data for the no-reload script cannot close its own <script> element
    const json = /<script type="application\/json" id="template-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json)['1']).toMatchObject({ name: 'API errors </script><b>', status: 'identified', [`component_${ids.api}`]: 'major_outage', deliver_notifications: 'off' });
  });

  it('declares the incident the template describes', async () => {
    const res = await post('/admin/incidents/new', { name: 'API errors', impact: 'critical', status: 'identified', body: 'We found it.', [`component_${ids.api}`]: 'major_outage', deliver_notifications: 'off', idempotency_key: 'tpl-1' });
    expect(res.status).toBe(303);
    const id = /incidents\/(\d+)/.exec(res.headers.get('location')!)![1];
    const v2 = await (await fetch(`${server.baseURL}/api/v2/incidents.json`)).json();
    const incident = v2.incidents.find((i: { id: string }) => String(i.id) === id);
    expect(incident.status).toBe('identified');
    expect(incident.components.map((c: { status: string }) => c.status)).toEqual(['major_outage']);
  });

  it('takes components by slug through the API, stores them by id, and refuses an unknown one with 422', async () => {
    const api = (body: unknown) => fetch(`${server.baseURL}/api/v1/verbs/template.create`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await api({ name: 'Web slow', title: 'Web slow', body: 'Slow.', impact: 'minor', status: 'monitoring', components: { web: 'degraded_performance' }, deliver_notifications: false });
    expect(ok.status).toBe(200);
    const html = await get('/admin/incidents/new?template=2');
    expect(selected(html, `f-component_${ids.web}`)).toBe('degraded_performance');
    expect(selected(html, 'f-status')).toBe('monitoring');
    const bad = await api({ name: 'X', title: 'X', body: 'x', impact: 'minor', components: { nope: 'major_outage' } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toContain('Unknown component "nope".');
    const badStatus = await api({ name: 'X', title: 'X', body: 'x', impact: 'minor', status: 'fixed' });
    expect(badStatus.status).toBe(422);
  });
});
