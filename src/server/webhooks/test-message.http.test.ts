/** "Send test" on /admin/webhooks against the built server: a signed message in the channel's own format, sent once, its outcome shown. */
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import slackSchema from '../api-schemas/chat/slack.schema.json';
import { createSession } from '../auth/sessions';
import { openDatabase } from '../db';
import { createApiKey, createUser } from '../services/users';
import { signBody } from './sign';

const ajv = new Ajv({ strict: false, validateFormats: false });
let server: RunningServer;
let slack: Receiver;
let broken: Receiver;
let cookie = '';
let editorKey = '';

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    seedComponents(db, now);
    const admin = createUser(db, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, TEST_ACTOR, now);
    cookie = `sp_session=${createSession(db, admin.id, now, 3_600_000)}`;
    editorKey = createApiKey(db, 'writer', TEST_ACTOR, now, 'write').key;
  });
  [slack, broken] = await Promise.all([startReceiver(), startReceiver(() => 500)]);
  // A one-second retry base: a failed test that were retried would show within the test's wait.
  server = await startServer({ dbPath, env: { WEBHOOK_RETRY_BASE_SECONDS: '1' } });
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([slack?.close(), broken?.close()]);
});

const act = (action: string, fields: [string, string][]) =>
  fetch(`${server.baseURL}/admin/webhooks`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['_action', action], ...fields]).toString() });

function query<T>(sql: string, ...args: unknown[]): T {
  const db = openDatabase(server.dbPath);
  try {
    return db.$client.prepare(sql).get(...args) as T;
  } finally {
    db.$client.close();
  }
}

async function addChannel(url: string, format: string): Promise<{ id: number; secret: string }> {
  expect((await act('add', [['url', url], ['format', format]])).status).toBe(303);
  return query<{ id: number; secret: string }>('SELECT id, secret FROM webhook_subscribers WHERE url = ?', url);
}

/** Sends a test and follows the redirect until the page reports an outcome. */
async function sendTest(id: number): Promise<string> {
  const r = await act('test', [['webhook_id', String(id)]]);
  expect(r.status).toBe(303);
  const location = r.headers.get('location')!;
  expect(location).toMatch(/^\/admin\/webhooks\?test=\d+$/);
  let html = '';
  await vi.waitFor(
    async () => {
      html = await (await fetch(server.baseURL + location, { headers: { cookie } })).text();
      expect(html).toMatch(/id="test-result"[^>]*>Test message (delivered|to .* failed)/);
    },
    { timeout: 10_000, interval: 50 },
  );
  return html;
}

describe('Send test', () => {
  it("sends a chat channel its service's message, signed, and says it was delivered", async () => {
    const ch = await addChannel(slack.url, 'slack');
    const page = await (await fetch(`${server.baseURL}/admin/webhooks`, { headers: { cookie } })).text();
    expect(page).toContain('>Send test<span class="sr-only"> to ' + slack.url);
    const html = await sendTest(ch.id);
    expect(html).toMatch(/id="test-result"[^>]*>Test message delivered to http:\/\/127\.0\.0\.1:\d+\/hook \(HTTP 200\)/);
    const [got] = await slack.waitFor(1);
    const body = JSON.parse(got.body);
    expect(ajv.validate(slackSchema, body), JSON.stringify(ajv.errors)).toBe(true);
    expect(got.body).toContain('This is a test message from');
    expect(got.headers['x-statuspage-event']).toBe('test');
    expect(got.headers['x-statuspage-signature']).toBe(signBody(ch.secret, got.body));
    // the delivery list names it
    expect(html).toMatch(/<tr data-delivery-id="\d+"><td>[\s\S]*?<\/td><td>test<\/td>/);
    // a link naming a delivery that is not a test, or no delivery, reports nothing
    const db = openDatabase(server.dbPath);
    let real: number;
    try {
      // a delivery of a change (as fan-out queues one), already delivered so the worker leaves it
      real = Number(db.$client.prepare("INSERT INTO webhook_deliveries (subscriber_id, change_id, payload, status, attempts, next_attempt_at, created_at, delivered_at, last_status_code) VALUES (?, 1, '{}', 'delivered', 1, 0, ?, ?, 200)").run(ch.id, Date.now(), Date.now()).lastInsertRowid);
    } finally {
      db.$client.close();
    }
    for (const other of [String(real), '999999', 'abc', '-1']) {
      const page2 = await (await fetch(`${server.baseURL}/admin/webhooks?test=${other}`, { headers: { cookie } })).text();
      expect(page2).not.toContain('id="test-result"');
    }
  });

  it('reports a failing endpoint once, without retrying or counting it against the channel', async () => {
    const ch = await addChannel(broken.url, 'statuspage');
    const html = await sendTest(ch.id);
    expect(html).toMatch(/id="test-result"[^>]*>Test message to http:\/\/127\.0\.0\.1:\d+\/hook failed: HTTP 500\. Test messages are not retried\./);
    const [got] = await broken.waitFor(1);
    expect(JSON.parse(got.body)).toMatchObject({ meta: { event: 'test', unsubscribe: expect.stringContaining('/subscribe/webhook-unsubscribe') }, message: expect.stringContaining('test message') });
    const row = query<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries WHERE subscriber_id = ?', ch.id);
    expect(row).toEqual({ status: 'failed', attempts: 1 });
    expect(query<{ failing: number | null; enabled: number }>('SELECT failing_since AS failing, enabled FROM webhook_subscribers WHERE id = ?', ch.id)).toEqual({ failing: null, enabled: 1 });
    expect(broken.requests).toHaveLength(1);
  });

  it('refuses a disabled channel in the page, and a write-scoped key through the API', async () => {
    const ch = query<{ id: number }>('SELECT id FROM webhook_subscribers WHERE url = ?', slack.url);
    const db = openDatabase(server.dbPath);
    try {
      db.$client.prepare("UPDATE webhook_subscribers SET enabled = 0, disabled_reason = 'test' WHERE id = ?").run(ch.id);
    } finally {
      db.$client.close();
    }
    const r = await act('test', [['webhook_id', String(ch.id)]]);
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(/role="alert">This channel is disabled: enable it, then send a test\./);
    const before = query<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_deliveries').n;
    const api = await fetch(`${server.baseURL}/api/v1/verbs/webhook.test`, { method: 'POST', headers: { authorization: `Bearer ${editorKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ webhook_id: ch.id }) });
    expect(api.status).toBe(403);
    expect((await api.json()).error).toBeTruthy();
    expect(query<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_deliveries').n).toBe(before);
  });
});
