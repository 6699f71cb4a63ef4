/** Every admin form action, performed for real: the page it lands on confirms it in the table's words, naming the right record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRMATIONS, type ConfirmationKey } from '../server/http/confirmations';
import { cliActor } from '../server/services/actor';
import { createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
});
afterAll(() => server?.stop());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString().slice(0, 16);

function post(path: string, fields: Record<string, string>, file?: Uint8Array): Promise<Response> {
  const body = file ? Object.entries(fields).reduce((fd, [k, v]) => (fd.append(k, v), fd), new FormData()) : new URLSearchParams(fields);
  if (file && body instanceof FormData) body.set('file', new File([new Uint8Array(file)], 'logo.png', { type: 'image/png' }));
  const headers: Record<string, string> = { cookie, origin: server.baseURL };
  if (!file) headers['content-type'] = 'application/x-www-form-urlencoded';
  return fetch(server.baseURL + path, { method: 'POST', redirect: 'manual', headers, body });
}

const seen = new Set<string>();

/** Posts the action, follows its 303 and returns the confirmation shown there (text and public link). */
async function confirm(key: ConfirmationKey, path: string, fields: Record<string, string>, file?: Uint8Array) {
  const res = await post(path, fields, file);
  if (res.status !== 303) throw new Error(`${key}: ${res.status} ${(await res.text()).slice(0, 2000)}`);
  const location = new URL(res.headers.get('location')!, server.baseURL);
  expect(location.searchParams.get('ok')).toBe(key);
  const html = await (await fetch(location, { headers: { cookie } })).text();
  const m = /<div class="notice" role="status" data-confirmation>(.*?)<\/div>/s.exec(html);
  expect(m, `${key}: no confirmation on ${location.pathname}`).not.toBeNull();
  const text = m![1].replace(/<a .*<\/a>/s, '').trim();
  expect(text).toBe(CONFIRMATIONS[key].text);
  seen.add(key);
  return { location, href: /<a href="([^"]+)">View on the public page<\/a>/.exec(m![1])?.[1] ?? null };
}

const idIn = (u: URL, what: string) => Number(new RegExp(`/${what}/(\\d+)`).exec(u.pathname)![1]);
const maintenanceIds = async () => [...(await (await fetch(server.baseURL + '/admin/maintenance', { headers: { cookie } })).text()).matchAll(/data-maintenance-id="(\d+)"/g)].map((m) => m[1]);

describe('confirmations', () => {
  it('components and groups', async () => {
    await confirm('group-added', '/admin/components', { _action: 'group-create', name: 'Core' });
    await confirm('group-renamed', '/admin/components', { _action: 'group-edit', group_id: '1', name: 'Core services' });
    await confirm('component-added', '/admin/components', { _action: 'create', name: 'API', target: '99.9', visible: 'on' });
    await confirm('component-added', '/admin/components', { _action: 'create', name: 'Web', target: '99.9', visible: 'on' });
    await confirm('component-added', '/admin/components', { _action: 'create', name: 'Old', target: '99.9', visible: 'on' });
    await confirm('component-moved', '/admin/components', { _action: 'move', component_id: '2', direction: 'up' });
    await confirm('component-status', '/admin/components', { _action: 'status', component_id: '2', status: 'degraded_performance' });
    await confirm('component-saved', '/admin/components/2', { _action: 'edit', name: 'Web app', slug: 'web', target: '99.9', visible: 'on' });
    await confirm('component-deleted', '/admin/components/3', { _action: 'delete' });
    await confirm('group-deleted', '/admin/components', { _action: 'group-delete', group_id: '1' });
  });

  it('incidents, naming the incident on the public page', async () => {
    const declared = await confirm('incident-declared', '/admin/incidents/new', { name: 'API down', impact: 'major', status: 'investigating', body: 'Looking.', component_1: 'major_outage', idempotency_key: 'c-1' });
    const id = idIn(declared.location, 'incidents');
    expect(declared.href).toBe(`/incidents/${id}`);
    const path = `/admin/incidents/${id}`;
    expect((await confirm('incident-update', path, { _action: 'update', status: 'identified', body: 'Found it.', idempotency_key: 'c-2' })).href).toBe(`/incidents/${id}`);
    const updateId = /name="update_id" value="(\d+)"/.exec(await (await fetch(server.baseURL + path, { headers: { cookie } })).text())![1];
    await confirm('incident-update-edited', path, { _action: 'edit', update_id: updateId, body: 'Found it: a bad deploy.' });
    // a status set on a component the incident affects, posted as its update: names the incident
    expect((await confirm('status-posted', '/admin/components', { _action: 'status', component_id: '1', status: 'partial_outage', incident_id: String(id), body: '' })).href).toBe(`/incidents/${id}`);
    await confirm('incident-details', path, { _action: 'incident', name: 'API errors', impact: 'major', components: '1' });
    await confirm('incident-sla', path, { _action: 'sla', excluded_from_sla: 'on', exclusion_reason: 'Customer attack' });
    await confirm('postmortem-saved', path, { _action: 'postmortem', postmortem: 'Draft.' });
    await confirm('postmortem-published', path, { _action: 'postmortem', postmortem: 'Final.', publish: 'on' });

    const draft = await confirm('incident-drafted', '/admin/incidents/new', { name: 'Maybe', impact: 'minor', status: 'investigating', body: 'Hmm.', draft: 'on', idempotency_key: 'c-3' });
    expect(draft.href).toBeNull();
    const draftId = idIn(draft.location, 'incidents');
    expect((await confirm('incident-published', `/admin/incidents/${draftId}`, { _action: 'publish' })).href).toBe(`/incidents/${draftId}`);
    expect((await confirm('incident-deleted', `/admin/incidents/${draftId}`, { _action: 'delete', confirm: 'delete' })).location.pathname).toBe('/admin');
  });

  it('maintenance, naming the window on the public page', async () => {
    const base = { _action: 'create', body: 'Upgrade.', components: '1', deliver_notifications: 'off', scheduled_remind_prior: '0' };
    for (const name of ['First', 'Second', 'Third']) {
      const done = await confirm('maintenance-scheduled', '/admin/maintenance', { ...base, name, scheduled_for: inDays(1), scheduled_until: inDays(1, 2) });
      expect(done.href).toMatch(/^\/maintenance\/\d+$/);
    }
    const [a, b, c] = (await maintenanceIds()).sort();
    const at = (id: string) => `/admin/maintenance/${id}`;
    expect((await confirm('maintenance-edited', at(c), { _action: 'edit', name: 'Third, moved', scheduled_for: inDays(2), scheduled_until: inDays(2, 1), components: '1' })).href).toBe(`/maintenance/${c}`);
    expect((await confirm('maintenance-started', at(a), { _action: 'start' })).href).toBe(`/maintenance/${a}`);
    expect((await confirm('maintenance-update', at(a), { _action: 'update', body: 'Half done.', deliver_notifications: 'off' })).href).toBe(`/maintenance/${a}`);
    await confirm('maintenance-extended', at(a), { _action: 'extend', scheduled_until: inDays(2) });
    expect((await confirm('maintenance-completed', at(a), { _action: 'complete', confirm: 'yes' })).href).toBe(`/maintenance/${a}`);
    expect((await confirm('maintenance-cancelled', at(b), { _action: 'cancel', confirm: 'yes' })).href).toBe(`/maintenance/${b}`);
  });

  it('templates, users, API keys and settings', async () => {
    await confirm('template-created', '/admin/templates', { _action: 'create', name: 'DB', title: 'Database slow', impact: 'minor', body: 'Looking.' });
    await confirm('template-updated', '/admin/templates', { _action: 'update', template_id: '1', name: 'DB', title: 'Database down', impact: 'major', body: 'Looking.' });
    await confirm('template-deleted', '/admin/templates', { _action: 'delete', template_id: '1' });
    await confirm('user-created', '/admin/users', { _action: 'create', email: 'ed@example.com', role: 'editor', password: 'a long enough password 42' });
    await confirm('user-updated', '/admin/users', { _action: 'update', user_id: '2', role: 'admin' });
    await confirm('user-password', '/admin/users', { _action: 'password', user_id: '2', password: 'another long password 43' });
    const created = await (await post('/admin/api-keys', { _action: 'create', name: 'ci', scope: 'read' })).text();
    expect(created).toContain('data-testid="new-api-key"');
    const keyId = /name="api_key_id" value="(\d+)"/.exec(await (await fetch(server.baseURL + '/admin/api-keys', { headers: { cookie } })).text())![1];
    await confirm('api-key-revoked', '/admin/api-keys', { _action: 'revoke', api_key_id: keyId });
    await confirm('settings-saved', '/admin/settings', { _action: 'update', pageName: 'Acme Status', maintenanceAllowanceMinutes: '10' });
    await confirm('branding-saved', '/admin/settings', { _action: 'branding', brandColor: '#0969da' });
    await confirm('brand-asset-uploaded', '/admin/settings', { _action: 'upload', slot: 'logo-light' }, PNG);
    await confirm('brand-asset-removed', '/admin/settings', { _action: 'removeAsset', slot: 'logo-light' });
  });

  it('covered every entry of the table', () => {
    expect([...seen].sort()).toEqual(Object.keys(CONFIRMATIONS).sort());
  });

  it('shows nothing for an unknown key, and links only a numeric ref', async () => {
    const html = await (await fetch(`${server.baseURL}/admin/maintenance?ok=toString&ref=1`, { headers: { cookie } })).text();
    expect(html).not.toContain('data-confirmation');
    const odd = await (await fetch(`${server.baseURL}/admin/maintenance?ok=maintenance-started&ref=//evil.example`, { headers: { cookie } })).text();
    expect(odd).toContain('Maintenance started.');
    expect(odd).not.toContain('evil.example');
  });
});
