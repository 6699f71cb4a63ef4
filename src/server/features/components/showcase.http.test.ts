/** `showcase` means "show uptime bars" and `visible` means "listed", alike in /api/v1, the admin form and the public page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCookie } from '../../../testing/http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../../testing/server-harness';
import { createComponent } from '../../services/components';
import { createApiKey, createUser } from '../../services/users';
import { cliActor } from '../../services/actor';

const actor = cliActor('test');
let server: RunningServer;
let key: string;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, actor, now);
    createComponent(db, { name: 'Web', slug: 'web' }, actor, now);
    key = createApiKey(db, 'ops', actor, now, 'admin').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(() => server?.stop());

const api = (method: string, path: string, body: unknown) =>
  fetch(`${server.baseURL}/api/v1/${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** Per listed component slug: whether its row on `/` shows day bars. */
async function publicRows(): Promise<Record<string, boolean>> {
  const html = await (await fetch(`${server.baseURL}/`)).text();
  const rows = html.split('<li class="component"').slice(1);
  return Object.fromEntries(rows.map((r) => [/data-component="([^"]+)"/.exec(r)![1], r.split('</li>')[0].includes('class="bars"')]));
}

describe('showcase and visible', () => {
  let id: number;
  it('POST /api/v1/components takes both; a component without bars is still listed', async () => {
    const r = await api('POST', 'components', { name: 'Search', slug: 'search', showcase: false });
    expect(r.status).toBe(201);
    const c = await r.json();
    id = c.id;
    expect(c).toMatchObject({ showcase: false, visible: true });
    expect(await publicRows()).toEqual({ web: true, search: false });
    const v2 = await (await fetch(`${server.baseURL}/api/v2/components.json`)).json();
    expect(v2.components.find((x: { name: string }) => x.name === 'Search').showcase).toBe(false);
  });

  it('PATCH changes one without the other', async () => {
    expect(await (await api('PATCH', `components/${id}`, { visible: false })).json()).toMatchObject({ showcase: false, visible: false });
    expect(await publicRows()).toEqual({ web: true });
    expect(await (await api('PATCH', `components/${id}`, { visible: true, showcase: true })).json()).toMatchObject({ showcase: true, visible: true });
    expect(await publicRows()).toEqual({ web: true, search: true });
    const bad = await api('PATCH', `components/${id}`, { showcase: 'maybe' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBeTruthy();
  });

  it('the admin edit form has a "Show uptime bars" checkbox; unticked hides the bars', async () => {
    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
    const page = await (await fetch(`${server.baseURL}/admin/components/${id}`, { headers: { cookie } })).text();
    expect(page).toMatch(/<input[^>]*name="showcase"[^>]*checked/);
    expect(page).toContain('Show uptime bars');
    const r = await fetch(`${server.baseURL}/admin/components/${id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _action: 'edit', name: 'Search', slug: 'search', target: '99.9', visible: 'on' }),
    });
    expect(r.status).toBe(303);
    expect(await publicRows()).toEqual({ web: true, search: false });
  });
});
