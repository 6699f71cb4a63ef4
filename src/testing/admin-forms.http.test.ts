/** The wiring of admin forms the e2e specs do not click through: drafts, SLA exclusion, component and group edits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
});
afterAll(() => server?.stop());

const post = (path: string, fields: Record<string, string>) =>
  fetch(server.baseURL + path, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
const page = async (path: string) => (await fetch(server.baseURL + path, { headers: { cookie } })).text();

describe('admin forms', () => {
  it('creates, renames and orders groups and components, and edits a component', async () => {
    expect((await post('/admin/components', { _action: 'group-create', name: 'Core' })).status).toBe(303);
    expect((await post('/admin/components', { _action: 'group-edit', group_id: '1', name: 'Core services' })).status).toBe(303);
    for (const name of ['API', 'Web'])
      expect((await post('/admin/components', { _action: 'create', name, group_id: '1', target: '99.9', visible: 'on' })).status).toBe(303);
    expect((await post('/admin/components', { _action: 'move', component_id: '2', direction: 'up' })).status).toBe(303);
    const list = await page('/admin/components');
    expect(list).toContain('Core services');
    expect(list.indexOf('>Web</a>')).toBeLessThan(list.indexOf('>API</a>'));

    const bad = await post('/admin/components/1', { _action: 'edit', name: 'API', slug: 'web', target: '150' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Between 0 and 100.');
    expect(html).toContain('value="150"');
    expect((await post('/admin/components/1', { _action: 'edit', name: 'Public API', slug: 'public-api', target: '99.95', group_id: '' })).status).toBe(303);
    // Unchecked "visible" hides the component from the public page.
    expect((await fetch(`${server.baseURL}/components/public-api`)).status).toBe(404);
    expect((await post('/admin/components/1', { _action: 'edit', name: 'Public API', slug: 'public-api', target: '99.95', visible: 'on' })).status).toBe(303);
    expect(await (await fetch(`${server.baseURL}/components/public-api`)).text()).toContain('Public API');
    const ids = [...(await page('/admin/components')).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('keeps a draft off the public page until published', async () => {
    const res = await post('/admin/incidents/new', { name: 'Maybe broken', impact: 'minor', status: 'investigating', body: 'Checking.', draft: 'on', component_1: 'partial_outage', idempotency_key: 'draft-1' });
    expect(res.status).toBe(303);
    const id = /incidents\/(\d+)/.exec(res.headers.get('location')!)![1];
    expect((await fetch(`${server.baseURL}/incidents/${id}`)).status).toBe(404);
    expect(await page('/admin')).toContain('Maybe broken');
    expect((await post(`/admin/incidents/${id}`, { _action: 'publish' })).status).toBe(303);
    const pub = await fetch(`${server.baseURL}/incidents/${id}`);
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain('Checking.');
  });

  it('needs a reason to exclude an incident from the SLA, and a typed confirmation to delete', async () => {
    const res = await post('/admin/incidents/new', { name: 'Customer DDoS', impact: 'major', status: 'investigating', body: 'x', idempotency_key: 'sla-1' });
    const path = res.headers.get('location')!.split('?')[0];
    const noReason = await post(path, { _action: 'sla', excluded_from_sla: 'on', exclusion_reason: '' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('A reason is required.');
    expect((await post(path, { _action: 'sla', excluded_from_sla: 'on', exclusion_reason: 'Attack on a customer' })).status).toBe(303);
    expect(await page(path)).toContain('value="Attack on a customer"');
    expect(await page('/admin/audit?action=incident.sla')).toContain('Attack on a customer');

    expect((await post(path, { _action: 'delete', confirm: 'yes' })).status).toBe(422);
    expect((await fetch(server.baseURL + path, { headers: { cookie } })).status).toBe(200);
    expect((await post(path, { _action: 'delete', confirm: 'delete' })).status).toBe(303);
    expect((await fetch(server.baseURL + path, { headers: { cookie } })).status).toBe(404);
  });

  it('saves settings and shows the new page name publicly', async () => {
    expect((await post('/admin/settings', { pageName: '', maintenanceAllowanceMinutes: 'ten' })).status).toBe(422);
    expect((await post('/admin/settings', { pageName: 'Acme Status', maintenanceAllowanceMinutes: '15', slaPublic: 'on' })).status).toBe(303);
    expect(await (await fetch(`${server.baseURL}/`)).text()).toContain('Acme Status');
  });
});
