/** Subscriber e-mail end to end: the built server, a real SQLite file, a real SMTP server on loopback. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { createApiKey } from '../services/users';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { signInCookie } from '../../testing/http-helpers';
import { linkIn, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink';

let sink: SmtpSink;
let server: RunningServer;
let dbPath: string;
let key = '';
let ids: { api: number; web: number; lone: number; groupId: number };
const servers: RunningServer[] = [];

const env = () => ({ SMTP_URL: sink.url, MAIL_FROM: 'Acme Status <status@example.com>', PAGE_NAME: 'Acme Status', MAIL_RETRY_BASE_SECONDS: '1', MAIL_TIMEOUT_MS: '1500', LOG_LEVEL: 'warn', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'correct horse battery' });
const form = (body: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) p.append(k, x);
  return p;
};
const post = (url: string, body: Record<string, string | string[]>, headers: Record<string, string> = { origin: server.baseURL }) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form(body) });
const api = (p: string, body: unknown) => fetch(`${server.baseURL}/api/v1${p}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Reads the file the server writes (WAL: another connection sees committed rows). */
function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare(sql).all(...args) as T[];
  } finally {
    db.$client.close();
  }
}
const fannedOutEverything = () => {
  const [r] = query<{ cursor: string | null; max: number }>("SELECT (SELECT value FROM settings WHERE key = 'mailCursor') AS cursor, (SELECT MAX(id) FROM change_log) AS max");
  return r.cursor !== null && Number(r.cursor) >= r.max;
};
/** A header as sent (mailparser turns List-* headers into objects). */
const rawHeader = (m: { headerLines: readonly { key: string; line: string }[] }, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? null;
const pendingMail = () => query<{ n: number }>("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'pending'")[0].n;

async function subscribeAndConfirm(email: string, choice: Record<string, string | string[]> = {}): Promise<void> {
  const res = await post(`${server.baseURL}/subscribe`, { email, ...choice });
  expect(res.status).toBe(303);
  await sink.waitFor(() => sink.to(email).some((m) => /Confirm your subscription/.test(m.subject ?? '')), `confirmation to ${email}`);
  const link = linkIn(sink.to(email).find((m) => /Confirm/.test(m.subject ?? ''))!, '/subscribe/confirm', server.baseURL);
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const token = new URL(link).searchParams.get('token')!;
  const done = await post(link, { token, _action: 'confirm' });
  expect(done.status).toBe(303);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  dbPath = tempDbPath('mail-');
  seedDatabase(dbPath, (db) => {
    ids = seedComponents(db, Date.now());
    key = createApiKey(db, 'mail-test', TEST_ACTOR, Date.now()).key;
  });
  server = await startServer({ dbPath, env: env() });
  servers.push(server);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await sink.close();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('subscribing by e-mail', () => {
  it('refuses a cross-origin subscribe form and a bad address, and says the same for known and unknown addresses', async () => {
    expect((await post(`${server.baseURL}/subscribe`, { email: 'x@example.com' }, { origin: 'https://evil.example' })).status).toBe(403);
    const bad = await post(`${server.baseURL}/subscribe`, { email: 'not-an-address' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Enter an e-mail address');
  });

  it('double opt-in, then one e-mail per subscribed address with subject, headers and links; component subscribers only hear of theirs', async () => {
    await subscribeAndConfirm('all@example.com');
    await subscribeAndConfirm('lone@example.com', { components: String(ids.lone) });
    // subscribing a confirmed address again sends a manage link, and the page answers exactly as for a new one
    const again = await post(`${server.baseURL}/subscribe`, { email: 'all@example.com' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/subscribe?sent=1');
    await sink.waitFor(() => sink.to('all@example.com').some((m) => /Manage your subscription/.test(m.subject ?? '')), 'manage link');

    const created = await api('/incidents', { name: 'API down', impact: 'critical', status: 'investigating', body: 'We are **looking**.', components: { api: 'major_outage' } });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: number | string };
    await sink.waitFor(() => sink.to('all@example.com').some((m) => m.subject === '[Acme Status] API down — Investigating'), 'incident e-mail');
    const m = sink.to('all@example.com').find((x) => x.subject === '[Acme Status] API down — Investigating')!;
    expect(m.text).toContain('We are looking.');
    expect(m.html).toContain('<strong>looking</strong>');
    expect(m.text).toContain(`/incidents/${incident.id}`);
    expect(rawHeader(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(m, 'list-unsubscribe')).toMatch(/\/subscribe\/unsubscribe\?token=/);
    expect(linkIn(m, '/subscribe/manage', server.baseURL)).toContain('token=');

    await sink.waitFor(() => fannedOutEverything() && pendingMail() === 0, 'the outbox to drain');
    expect(sink.to('lone@example.com').filter((x) => /API down/.test(x.subject ?? ''))).toHaveLength(0);
    expect(sink.to('all@example.com').filter((x) => /API down/.test(x.subject ?? ''))).toHaveLength(1);

    // notify-off update: nothing; the next notify-on update: exactly one more
    expect((await api(`/incidents/${incident.id}/updates`, { status: 'identified', body: 'Quiet fix.', deliver_notifications: false })).status).toBe(201);
    expect((await api(`/incidents/${incident.id}/updates`, { status: 'resolved', body: 'All good.' })).status).toBe(201);
    await sink.waitFor(() => sink.to('all@example.com').some((x) => x.subject === '[Acme Status] API down — Resolved'), 'resolved e-mail');
    await sink.waitFor(() => fannedOutEverything() && pendingMail() === 0, 'the outbox to drain');
    expect(sink.to('all@example.com').filter((x) => /API down/.test(x.subject ?? '')).map((x) => x.subject)).toEqual(['[Acme Status] API down — Investigating', '[Acme Status] API down — Resolved']);

    // RFC 8058 one-click: a bare POST from the mail client, no Origin, unsubscribes at once
    const oneClick = rawHeader(m, 'list-unsubscribe')!.replace(/^<|>$/g, '');
    const u = new URL(oneClick);
    const res = await fetch(`${server.baseURL}${u.pathname}${u.search}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(303);
    expect(query('SELECT id FROM subscribers WHERE email = ?', 'all@example.com')).toHaveLength(0);
    const before = sink.to('all@example.com').length;
    expect((await api('/incidents', { name: 'Everything slow', impact: 'minor', status: 'investigating', body: 'Slow.', components: { email: 'degraded_performance' } })).status).toBe(201);
    await sink.waitFor(() => sink.to('lone@example.com').some((x) => /Everything slow/.test(x.subject ?? '')), 'component subscriber e-mail');
    await sink.waitFor(() => fannedOutEverything() && pendingMail() === 0, 'the outbox to drain');
    expect(sink.to('all@example.com')).toHaveLength(before);
  });

  it('a mail server refusing for a while delays the message but loses nothing, and sends it once', async () => {
    await subscribeAndConfirm('patient@example.com');
    sink.mode = 'refuse';
    expect((await api('/incidents', { name: 'Refused for a while', impact: 'major', status: 'investigating', body: 'x', components: { web: 'partial_outage' } })).status).toBe(201);
    await sink.waitFor(() => sink.refused >= 2, 'two refusals', 20_000);
    sink.mode = 'accept';
    await sink.waitFor(() => sink.to('patient@example.com').some((x) => /Refused for a while/.test(x.subject ?? '')), 'the delayed e-mail', 20_000);
    await sink.waitFor(() => pendingMail() === 0, 'the outbox to drain');
    expect(sink.to('patient@example.com').filter((x) => /Refused for a while/.test(x.subject ?? ''))).toHaveLength(1);
  });

  it('kill -9 between commit and send: the message is sent exactly once after restart', async () => {
    sink.mode = 'hold';
    const held = sink.held;
    expect((await api('/incidents', { name: 'Crash in flight', impact: 'major', status: 'investigating', body: 'x', components: { web: 'partial_outage' } })).status).toBe(201);
    await sink.waitFor(() => sink.held > held, 'the message to be in flight');
    server.proc.kill('SIGKILL');
    await new Promise((r) => server.proc.once('exit', r));
    sink.mode = 'accept';
    server = await startServer({ dbPath, env: env() });
    servers.push(server);
    await sink.waitFor(() => sink.to('patient@example.com').some((x) => /Crash in flight/.test(x.subject ?? '')), 'the e-mail after restart', 20_000);
    await sink.waitFor(() => pendingMail() === 0, 'the outbox to drain');
    expect(sink.to('patient@example.com').filter((x) => /Crash in flight/.test(x.subject ?? ''))).toHaveLength(1);
    expect(query<{ n: number }>("SELECT COUNT(*) AS n FROM mail_outbox o JOIN change_log c ON o.event = 'change:' || c.id JOIN subscribers s ON s.id = o.subscriber_id WHERE s.email = 'patient@example.com' AND o.status = 'sent'")[0].n).toBeGreaterThanOrEqual(2);
  });

  it('admins list, search, import, export and remove subscribers; each change is audited; strangers are sent to sign in', async () => {
    expect((await fetch(`${server.baseURL}/admin/subscribers/export.csv`, { redirect: 'manual' })).status).toBe(303);
    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'correct horse battery');
    const h = { cookie, origin: server.baseURL };
    const bad = await post(`${server.baseURL}/admin/subscribers`, { _action: 'import', csv: 'email\nnope\n' }, h);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('line 2');
    const imported = await post(`${server.baseURL}/admin/subscribers`, { _action: 'import', csv: 'email,components\nnew1@example.com,api;web\nNew2@Example.com\npatient@example.com\n' }, h);
    expect(imported.status).toBe(303);
    expect(imported.headers.get('location')).toContain('added=2&skipped=1');
    const page = await (await fetch(`${server.baseURL}/admin/subscribers?q=new`, { headers: { cookie } })).text();
    expect(page).toContain('new1@example.com');
    expect(page).toContain('API, Web app');
    expect(page).not.toContain('patient@example.com');
    const csv = await (await fetch(`${server.baseURL}/admin/subscribers/export.csv`, { headers: { cookie } })).text();
    expect(csv.split('\r\n')[0]).toBe('email,status,components,created_at,last_sent_at');
    expect(csv).toMatch(/new2@example\.com,confirmed,all,/);
    const [row] = query<{ id: number }>("SELECT id FROM subscribers WHERE email = 'new1@example.com'");
    expect((await post(`${server.baseURL}/admin/subscribers`, { _action: 'remove', subscriber_id: String(row.id) }, h)).status).toBe(303);
    expect(query('SELECT id FROM subscribers WHERE id = ?', row.id)).toHaveLength(0);
    const actions = query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'subscriber'").map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['subscriber.subscribe', 'subscriber.confirm', 'subscriber.unsubscribe', 'subscriber.import', 'subscriber.remove']));
  });
});
