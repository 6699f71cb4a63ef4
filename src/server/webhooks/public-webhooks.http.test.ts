/** Public webhook subscriptions end to end: the built server, a real SQLite file, a loopback receiver and SMTP server. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { signInCookie } from '../../testing/http-helpers';
import { linkIn, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import { confirmWebhookSchema, incidentWebhookSchema } from '../api-schemas/webhooks';
import { openDatabase } from '../db';
import { createIncident } from '../services/incidents';
import { putSetting } from '../queries/settings';
import { verifySignature } from './sign';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validConfirm = ajv.compile(confirmWebhookSchema);
const validIncident = ajv.compile(incidentWebhookSchema);

let sink: SmtpSink;
let server: RunningServer;
let bare: RunningServer;
const receivers: Receiver[] = [];
const dirs: string[] = [];

const env = () => ({ TRUST_PROXY: '1', SMTP_URL: sink.url, MAIL_FROM: 'Acme Status <status@example.com>', PAGE_NAME: 'Acme Status', MAIL_RETRY_BASE_SECONDS: '1', WEBHOOK_RETRY_BASE_SECONDS: '1', WEBHOOK_DISABLE_AFTER_HOURS: '1', LOG_LEVEL: 'warn', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'correct horse battery' });
const post = (s: RunningServer, url: string, body: Record<string, string>, headers: Record<string, string> = { origin: s.baseURL }) =>
  fetch(url.startsWith('http') ? url : s.baseURL + url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body) });
const local = (s: RunningServer, link: string) => `${s.baseURL}${new URL(link).pathname}${new URL(link).search}`;

function withDb<T>(s: RunningServer, run: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(s.dbPath);
  try {
    return run(db);
  } finally {
    db.$client.close();
  }
}
const sql = <T>(s: RunningServer, q: string, ...args: unknown[]) => withDb(s, (db) => db.$client.prepare(q).all(...args) as T[]);
const subscriberOf = (s: RunningServer, url: string) => sql<{ id: number; confirmed_at: number | null; enabled: number; source: string }>(s, 'SELECT * FROM webhook_subscribers WHERE url = ?', url)[0];
/** Posts an incident from another process and waits until the webhook fan-out has passed it. */
async function incident(s: RunningServer, title: string): Promise<void> {
  withDb(s, (db) => createIncident(db, { title, impact: 'minor', status: 'investigating', body: 'Looking.', components: {} }, TEST_ACTOR, Date.now()));
  await vi.waitFor(() => expect(sql<{ ok: number }>(s, "SELECT (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'webhookCursor') >= (SELECT MAX(id) FROM change_log) AS ok")[0].ok).toBe(1), { timeout: 10_000, interval: 25 });
}
const mailTo = (s: RunningServer, to: string) => sql<{ subject: string; text: string; html: string }>(s, 'SELECT subject, text, html FROM mail_outbox WHERE "to" = ?', to);
const changesTo = (s: RunningServer, id: number) => sql<{ n: number }>(s, 'SELECT COUNT(*) AS n FROM webhook_deliveries WHERE subscriber_id = ? AND change_id <> 0', id)[0].n;

async function subscribed(s: RunningServer, r: Receiver, email?: string): Promise<{ confirm: string; secret: string; body: Record<string, unknown> }> {
  const res = await post(s, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url: r.url, ...(email ? { email } : {}) });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/subscribe?via=webhook&sent=1');
  const [first] = await r.waitFor(1);
  const body = JSON.parse(first.body);
  return { confirm: body.confirm_url, secret: body.signing_secret, body };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const dbPath = tempDbPath('hooks-');
  const barePath = tempDbPath('hooks-bare-');
  dirs.push(path.dirname(dbPath), path.dirname(barePath));
  // the receivers listen on loopback, which visitors' webhooks may reach only when an admin allows it
  for (const p of [dbPath, barePath]) seedDatabase(p, (db) => (seedComponents(db, Date.now()), putSetting(db, 'allowPrivatePublicWebhooks', true)));
  [server, bare] = await Promise.all([startServer({ dbPath, env: env() }), startServer({ dbPath: barePath, env: { LOG_LEVEL: 'warn', WEBHOOK_RETRY_BASE_SECONDS: '1' } })]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), bare?.stop()]);
  await Promise.all(receivers.map((r) => r.close()));
  await sink?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('public webhook subscriptions', () => {
  it('refuses an address the target policy refuses, next to the field, keeping what was typed; and a cross-origin post', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://[::ffff:169.254.169.254]/x', 'http://0.0.0.0:8080/hook', 'ftp://example.com/x']) {
      const r = await post(server, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url, email: 'ops@example.com' });
      expect(r.status, url).toBe(422);
      const html = await r.text();
      expect(html).toMatch(/id="url-error"[^>]*>(Refused|Use an http)/);
      expect(html).toContain(`value="${url.replace(/&/g, '&amp;')}"`);
      expect(html).toContain('value="ops@example.com"');
    }
    const noMail = await post(server, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url: 'https://hooks.example.com/x' });
    expect(noMail.status).toBe(422);
    expect(await noMail.text()).toMatch(/id="email-error"[^>]*>Enter an e-mail address for failure notices/);
    expect((await post(server, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url: 'https://hooks.example.com/x', email: 'a@example.com' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(sql(server, "SELECT * FROM webhook_subscribers WHERE source = 'public'")).toHaveLength(0);
  });

  it('keeps visitors off private addresses unless an admin allows it, at subscription and at every delivery', async () => {
    const r = await startReceiver(() => 200);
    receivers.push(r);
    const allow = (on: boolean) => withDb(server, (db) => putSetting(db, 'allowPrivatePublicWebhooks', on));
    allow(false);
    try {
      const refused = await post(server, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url: r.url, email: 'netops@example.com' });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toMatch(/id="url-error"[^>]*>Refused[^<]*private or loopback/);
      expect(subscriberOf(server, r.url)).toBeUndefined();
    } finally {
      allow(true);
    }
    const { confirm } = await subscribed(server, r, 'netops@example.com');
    expect((await post(server, local(server, confirm), {}, {})).status).toBe(303);
    const sub = subscriberOf(server, r.url);
    // the admin turns it off later: queued and new deliveries to that address are refused when sent, not POSTed
    allow(false);
    try {
      await incident(server, 'Aimed at the operator network');
      await vi.waitFor(() => expect(sql<{ last_error: string | null }>(server, 'SELECT last_error FROM webhook_deliveries WHERE subscriber_id = ? AND change_id <> 0', sub.id)[0]?.last_error).toMatch(/private or loopback/), { timeout: 10_000, interval: 25 });
      expect(r.requests).toHaveLength(1); // the confirmation only
    } finally {
      allow(true);
      sql(server, 'DELETE FROM webhook_subscribers WHERE id = ? RETURNING id', sub.id);
    }
  });

  it('sends the confirmation link only to the endpoint: whoever typed an address gets nothing to confirm with', async () => {
    const r = await startReceiver(() => 200);
    receivers.push(r);
    const { confirm } = await subscribed(server, r, 'visitor@example.com');
    // the request and everything it queues are one transaction: nothing was queued for the visitor's address
    expect(mailTo(server, 'visitor@example.com')).toEqual([]);
    expect(subscriberOf(server, r.url).confirmed_at).toBeNull();
    // the endpoint's own code confirms with a bare POST, as docs/webhooks.md tells endpoint authors
    expect((await fetch(local(server, confirm), { method: 'POST', redirect: 'manual' })).status).toBe(303);
    expect(subscriberOf(server, r.url).confirmed_at).not.toBeNull();
    expect(mailTo(server, 'visitor@example.com')).toEqual([]);
  });

  it('limits per recipient the e-mail a public form can cause: one failure address on many endpoints is refused next to the field', async () => {
    const r = await startReceiver(() => 200);
    receivers.push(r);
    const victim = 'victim@example.com';
    const answers: { status: number; html: string }[] = [];
    for (let i = 0; i < 6; i++) {
      // each from another client, so only the per-address limit can stop them
      const res = await post(server, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url: `${r.url}/bomb-${i}`, email: victim }, { origin: server.baseURL, 'x-forwarded-for': `198.51.100.${i + 1}` });
      answers.push({ status: res.status, html: await res.text() });
    }
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303, 429, 429, 429]);
    expect(answers[3].html).toMatch(/id="email-error"[^>]*>Too many requests for this address/);
    expect(answers[3].html).toContain(`value="${victim}"`);
    expect(answers[3].html).toContain(`value="${r.url}/bomb-3"`);
    expect(sql(server, 'SELECT id FROM webhook_subscribers WHERE email = ?', victim)).toHaveLength(3);
    expect(mailTo(server, victim)).toEqual([]);
  });

  it('sends at most the hourly limit of failure notices to one address, each showing the endpoint only as plain text', async () => {
    const r = await startReceiver(() => 503);
    receivers.push(r);
    const to = 'many@example.com';
    // four endpoints already confirmed with one failure address (subscribed over several hours), all failing too long
    const ids = [0, 1, 2, 3].map((i) => sql<{ id: number }>(server, "INSERT INTO webhook_subscribers (url, secret, source, email, confirmed_at, failing_since) VALUES (?, 'whsec_test', 'public', ?, ?, ?) RETURNING id", `${r.url}/Your-account-is-locked-call-555-0100-${i}`, to, Date.now() - 3 * 3_600_000, Date.now() - 2 * 3_600_000)[0].id);
    await incident(server, 'Four endpoints down');
    await vi.waitFor(() => expect(sql<{ n: number }>(server, `SELECT COUNT(*) AS n FROM webhook_subscribers WHERE enabled = 0 AND id IN (${ids.join(',')})`)[0].n).toBe(4), { timeout: 15_000, interval: 25 });
    const notices = mailTo(server, to);
    expect(notices).toHaveLength(3);
    expect(sql(server, "SELECT id FROM audit_log WHERE action = 'webhook.notice_skipped'")).toHaveLength(1);
    for (const n of notices) {
      expect(n.subject).toBe('[Acme Status] Webhook disabled');
      expect(n.html).not.toMatch(/href="[^"]*Your-account-is-locked/);
      expect(n.html).toMatch(/<code>http:\/\/[^<]*Your-account-is-locked-call-555-0100-\d<\/code>/);
    }
  });

  it('confirms by the signed link, delivers only after that, and meta.unsubscribe removes the subscriber', async () => {
    const r = await startReceiver(() => 200);
    receivers.push(r);
    const { confirm, secret, body } = await subscribed(server, r, 'ops@example.com');
    expect(validConfirm(body), ajv.errorsText(validConfirm.errors)).toBe(true);
    expect(verifySignature(secret, r.requests[0].body, r.requests[0].headers['x-statuspage-signature'] as string)).toBe(true);
    expect(r.requests[0].headers['x-statuspage-event']).toBe('subscription.confirm');
    const sub = subscriberOf(server, r.url);
    expect(sub).toMatchObject({ source: 'public', confirmed_at: null });

    await incident(server, 'Before confirmation');
    expect(changesTo(server, sub.id)).toBe(0);
    expect(r.requests).toHaveLength(1);

    // a GET (a link scanner) only shows the button
    const page = await fetch(local(server, confirm));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Confirm the webhook');
    expect(subscriberOf(server, r.url).confirmed_at).toBeNull();
    // the unsubscribe token of the same subscriber does not confirm it
    const wrong = confirm.replace(/token=[^&]+/, `token=${encodeURIComponent(new URL(String((body.meta as { unsubscribe: string }).unsubscribe)).searchParams.get('token')!)}`);
    const refused = await post(server, local(server, wrong), {}, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('This link is not valid or has expired');
    expect(subscriberOf(server, r.url).confirmed_at).toBeNull();
    // no token, a mangled one, or an oversized one: the same refusal in place, never a 500, nothing confirmed
    for (const bad of ['', '?token=', '?token=%E0%A4%A', `?token=${'x'.repeat(4000)}`, `?token=${encodeURIComponent(new URL(confirm).searchParams.get('token')!.slice(0, -2))}`]) {
      const res = await post(server, `${server.baseURL}/subscribe/webhook-confirm${bad}`, {}, {});
      expect(res.status, bad.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, bad.slice(0, 40)).toBeLessThan(500);
    }
    expect(subscriberOf(server, r.url).confirmed_at).toBeNull();
    // the endpoint's own code may POST it: no origin, empty form
    const done = await post(server, local(server, confirm), {}, {});
    expect(done.status).toBe(303);
    expect(subscriberOf(server, r.url).confirmed_at).not.toBeNull();

    await incident(server, 'After confirmation');
    const [, delivered] = await r.waitFor(2);
    const payload = JSON.parse(delivered.body);
    expect(validIncident(payload), ajv.errorsText(validIncident.errors)).toBe(true);
    expect(payload.incident.name).toBe('After confirmation');
    expect(verifySignature(secret, delivered.body, delivered.headers['x-statuspage-signature'] as string)).toBe(true);
    const unsubscribe = payload.meta.unsubscribe as string;
    expect(new URL(unsubscribe).pathname).toBe('/subscribe/webhook-unsubscribe');

    const ask = await fetch(local(server, unsubscribe));
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Stop deliveries');
    expect(subscriberOf(server, r.url)).toBeDefined();
    const gone = await post(server, local(server, unsubscribe), {}, { origin: 'https://receiver.example' });
    expect(gone.status).toBe(303);
    expect(subscriberOf(server, r.url)).toBeUndefined();
    await incident(server, 'After unsubscribing');
    expect(r.requests).toHaveLength(2);
  });

  it('says the same for a subscribed endpoint, and lists public subscribers for the admin, who can remove them', async () => {
    const r = await startReceiver(() => 200);
    receivers.push(r);
    const { confirm } = await subscribed(server, r, 'first@example.com');
    expect((await post(server, local(server, confirm), {}, {})).status).toBe(303);
    const again = await post(server, '/subscribe?via=webhook', { _action: 'subscribe-webhook', url: r.url, email: 'other@example.com' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/subscribe?via=webhook&sent=1');
    await r.waitFor(2); // a fresh confirmation, nothing changed
    const sub = subscriberOf(server, r.url);
    expect(sub.confirmed_at).not.toBeNull();
    expect(sql<{ email: string }>(server, 'SELECT email FROM webhook_subscribers WHERE id = ?', sub.id)[0].email).toBe('first@example.com');

    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'correct horse battery');
    const html = await (await fetch(`${server.baseURL}/admin/webhooks`, { headers: { cookie } })).text();
    expect(html).toMatch(new RegExp(`data-subscriber-id="${sub.id}"[\\s\\S]*?Public[\\s\\S]*?Failure notices: first@example.com`));
    const removed = await post(server, '/admin/webhooks', { _action: 'remove', webhook_id: String(sub.id) }, { cookie, origin: server.baseURL });
    expect(removed.status).toBe(303);
    expect(subscriberOf(server, r.url)).toBeUndefined();
  });

  it('e-mails the failure address when a public subscriber is disabled for failing too long', async () => {
    const r = await startReceiver((n) => (n === 0 ? 200 : 503));
    receivers.push(r);
    const { confirm } = await subscribed(server, r, 'pager@example.com');
    expect((await post(server, local(server, confirm), {}, {})).status).toBe(303);
    const sub = subscriberOf(server, r.url);
    // the clock, injected: it has been failing for longer than the one-hour window
    sql(server, 'UPDATE webhook_subscribers SET failing_since = ? WHERE id = ? RETURNING id', Date.now() - 2 * 3_600_000, sub.id);
    await incident(server, 'Nobody listens');
    await sink.waitFor(() => sink.to('pager@example.com').some((m) => /Webhook disabled/.test(m.subject ?? '')), 'failure notice');
    const notice = sink.to('pager@example.com').find((m) => /Webhook disabled/.test(m.subject ?? ''))!;
    expect(notice.subject).toBe('[Acme Status] Webhook disabled');
    expect(notice.text).toContain(`Endpoint: ${r.url}`);
    expect(notice.text).toMatch(/HTTP 503/);
    expect(linkIn(notice, '/subscribe', server.baseURL)).toBe(`${server.baseURL}/subscribe?via=webhook`);
    expect(subscriberOf(server, r.url).enabled).toBe(0);
  });

  it('works without SMTP: the page offers webhooks alone, confirmed by the first POST', async () => {
    const home = await (await fetch(`${bare.baseURL}/`)).text();
    expect(home).not.toContain('class="button subscribe"'); // no e-mail without SMTP_URL
    expect(home).toContain('href="/subscribe?via=webhook"');
    const page = await fetch(`${bare.baseURL}/subscribe`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Endpoint URL');
    expect(html).not.toContain('name="email"');
    const r = await startReceiver(() => 200);
    receivers.push(r);
    const { confirm } = await subscribed(bare, r);
    expect((await post(bare, local(bare, confirm), {}, {})).status).toBe(303);
    await incident(bare, 'Without mail');
    const [, got] = await r.waitFor(2);
    expect(JSON.parse(got.body).incident.name).toBe('Without mail');
  });
});
