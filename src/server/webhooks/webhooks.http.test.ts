/** The webhooks admin page and the worker inside the built server, delivering to a real local receiver. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import { createSession } from '../auth/sessions';
import { openDatabase } from '../db';
import { createIncident } from '../services/incidents';
import { createUser } from '../services/users';
import { verifySignature } from './sign';

let server: RunningServer;
let receiver: Receiver;
let adminCookie = '';
let editorCookie = '';
let componentId = 0;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    componentId = seedComponents(db, now).api;
    const admin = createUser(db, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, TEST_ACTOR, now);
    const editor = createUser(db, { email: 'editor@example.com', password: 'correct horse battery', role: 'editor' }, TEST_ACTOR, now);
    adminCookie = `sp_session=${createSession(db, admin.id, now, 3_600_000)}`;
    editorCookie = `sp_session=${createSession(db, editor.id, now, 3_600_000)}`;
  });
  receiver = await startReceiver(() => 200);
  server = await startServer({ dbPath });
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

const page = (cookie: string) => fetch(`${server.baseURL}/admin/webhooks`, { headers: { cookie }, redirect: 'manual' });
const post = (fields: Record<string, string>, cookie = adminCookie) =>
  fetch(`${server.baseURL}/admin/webhooks`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('/admin/webhooks', () => {
  it('is for administrators only', async () => {
    expect((await page('')).status).toBe(303);
    expect((await page(editorCookie)).status).toBe(403);
    expect((await post({ _action: 'add', url: receiver.url }, editorCookie)).status).toBe(403);
    const ok = await page(adminCookie);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('No subscribers yet.');
  });

  it('shows a clear error next to the field and keeps what was typed', async () => {
    const r = await post({ _action: 'add', url: 'ftp://example.com/x', description: 'Ops bot' });
    expect(r.status).toBe(422);
    const html = await r.text();
    expect(html).toMatch(/id="url-error"[^>]*>Use an http or https URL\./);
    expect(html).toContain('value="ftp://example.com/x"');
    expect(html).toContain('value="Ops bot"');
    expect((await post({ _action: 'remove', webhook_id: 'abc' })).status).toBe(422);
  });

  it('adds a subscriber, shows its secret, delivers a signed payload after a change, and logs the delivery', async () => {
    const r = await post({ _action: 'add', url: receiver.url, description: 'Chat bot' });
    expect(r.status).toBe(303); // post/redirect/get: a reload does not add it twice
    const location = r.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/webhooks\?created=\d+$/);
    const shown = await (await fetch(server.baseURL + location, { headers: { cookie: adminCookie } })).text();
    const secret = /data-testid="secret">(whsec_[\w-]+)</.exec(shown)?.[1];
    expect(secret).toBeTruthy();

    const db = openDatabase(server.dbPath);
    try {
      createIncident(db, { title: 'Written by another process', impact: 'critical', status: 'investigating', body: 'Down.', components: { [componentId]: 'major_outage' } }, TEST_ACTOR, Date.now());
    } finally {
      db.$client.close();
    }
    const got = await receiver.waitFor(2);
    for (const req of got) expect(verifySignature(secret!, req.body, req.headers['x-statuspage-signature'] as string)).toBe(true);
    const bodies = got.map((g) => JSON.parse(g.body));
    expect(bodies.find((b) => b.incident)).toMatchObject({ page: { status_indicator: 'critical' }, incident: { name: 'Written by another process', impact: 'critical' } });
    expect(bodies.find((b) => b.component_update)).toMatchObject({ component_update: { new_status: 'major_outage', old_status: 'operational', component_id: String(componentId) } });

    let html = '';
    // both deliveries (the incident and the status change) recorded, whichever went out first
    for (let tries = 0; tries < 100 && (html.match(/Delivered/g) ?? []).length < 2; tries++) {
      await new Promise((ok) => setTimeout(ok, 50));
      html = await (await page(adminCookie)).text();
    }
    expect(html).toContain('Chat bot');
    expect(html).toMatch(/<table id="deliveries">[\s\S]*incident\.created[\s\S]*Delivered/);
  });

  it('removes a subscriber', async () => {
    const html = await (await page(adminCookie)).text();
    const id = /data-subscriber-id="(\d+)"/.exec(html)![1];
    const r = await post({ _action: 'remove', webhook_id: id });
    expect(r.status).toBe(303);
    const after = await (await fetch(server.baseURL + r.headers.get('location')!, { headers: { cookie: adminCookie } })).text();
    expect(after).toContain('Subscriber removed.');
    expect(after).toContain('No subscribers yet.');
  });
});
