/**
 * Maintenance with a lifecycle, against the built server: every field edited before the start (subscribers told only
 * when asked), progress updates while it runs, cancel and complete behind a confirmation step, only the actions
 * each stage allows, the admin list sorted by start; the same verbs through /api/v1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/constants';
import { createMaintenance } from '../server/services/maintenance';
import { createApiKey } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { linkIn, startSmtpSink, type SmtpSink } from './smtp-sink';
import { seedComponents, TEST_ACTOR } from './subscriber-scenario';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };
let sink: SmtpSink;
let server: RunningServer;
let cookie = '';
let key = '';
const ids = { api: 0, web: 0, later: 0, soon: 0, running: 0, done: 0 };

beforeAll(async () => {
  sink = await startSmtpSink();
  const dbPath = tempDbPath('maintenance-');
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    const c = seedComponents(db, now);
    Object.assign(ids, { api: c.api, web: c.web });
    const win = (title: string, from: number, until: number) => createMaintenance(db, { title, body: 'Planned.', scheduledFor: from, scheduledUntil: until, components: [c.api] }, TEST_ACTOR, now).id;
    // created out of order, so the list's order is the sort's doing
    ids.later = win('Later window', now + 3 * MS_PER_DAY, now + 3 * MS_PER_DAY + MS_PER_HOUR);
    ids.done = win('Old window', now - 3 * MS_PER_HOUR, now - 2 * MS_PER_HOUR);
    ids.soon = win('Soon window', now + MS_PER_DAY, now + MS_PER_DAY + MS_PER_HOUR);
    ids.running = win('Running window', now - MS_PER_HOUR, now + MS_PER_DAY);
    key = createApiKey(db, 'ops', TEST_ACTOR, now, 'write').key;
  });
  server = await startServer({ dbPath, env: { SMTP_URL: sink.url, MAIL_FROM: 'Status <status@example.com>', MAIL_RETRY_BASE_SECONDS: '1', LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  cookie = await signInCookie(server.baseURL, ADMIN.email, ADMIN.password);
  await subscribe('sub@example.com');
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = { cookie }) =>
  fetch(server.baseURL + path, { method: 'POST', redirect: 'manual', headers: { ...headers, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
const get = async (path: string) => (await fetch(server.baseURL + path, { headers: { cookie } })).text();
const api = (verb: string, body: unknown) => fetch(`${server.baseURL}/api/v1/verbs/${verb}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const page = (id: number) => `/admin/maintenance/${id}`;
const subjects = (to: string) => sink.to(to).map((m) => m.subject ?? '');

async function subscribe(email: string): Promise<void> {
  expect((await post('/subscribe', { email }, {})).status).toBe(303);
  await sink.waitFor(() => subjects(email).some((s) => /Confirm/.test(s)), 'the confirmation');
  const link = linkIn(sink.to(email).find((m) => /Confirm/.test(m.subject ?? ''))!, '/subscribe/confirm', server.baseURL);
  expect((await post(new URL(link).pathname + new URL(link).search, { token: new URL(link).searchParams.get('token')!, _action: 'confirm' }, {})).status).toBe(303);
}

/** The labels of the buttons and action links a window's admin page offers. */
async function offered(id: number): Promise<string[]> {
  const html = await get(page(id));
  const actions = /<div class="maintenance-actions">([\s\S]*)<\/div>/.exec(html)?.[1] ?? '';
  return [...actions.matchAll(/<(?:button|a class="button")[^>]*>([^<]+)<\/(?:button|a)>/g)].map((m) => m[1].trim());
}

describe('maintenance lifecycle', () => {
  it('lists windows by start: open ones soonest first, finished ones after', async () => {
    const html = await get('/admin/maintenance');
    const order = [...html.matchAll(/data-maintenance-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([ids.running, ids.soon, ids.later, ids.done]);
  });

  it('offers only the actions of each stage', async () => {
    expect(await offered(ids.soon)).toEqual(['Start now', 'Cancel maintenance…', 'Move the end', 'Save changes']);
    expect(await offered(ids.running)).toEqual(['Post update', 'Complete now…', 'Cancel maintenance…', 'Move the end']);
    expect(await offered(ids.done)).toEqual([]);
    expect(await get(page(ids.done))).toContain('This window is over: nothing more to do.');
    // the verbs refuse what the page does not offer: completing a window that has not started, editing a running one
    expect((await api('maintenance.complete', { maintenance_id: ids.soon })).status).toBe(422);
    const edit = await api('maintenance.edit', { maintenance_id: ids.running, name: 'Renamed' });
    expect(edit.status).toBe(422);
    expect((await edit.json()).error.message).toMatch(/not started/);
    expect((await api('maintenance.update', { maintenance_id: ids.soon, body: 'Too early.' })).status).toBe(422);
  });

  it('edits every field before the start, and tells subscribers only when asked', async () => {
    const from = Date.now() + 2 * MS_PER_DAY;
    const quiet = await post(page(ids.soon), { _action: 'edit', name: 'Database upgrade', body: 'New **plan**.', scheduled_for: utc(from), scheduled_until: utc(from + 2 * MS_PER_HOUR), components: String(ids.web), deliver_notifications: 'off' });
    expect(quiet.status).toBe(303);
    expect(quiet.headers.get('location')).toBe(`${page(ids.soon)}?ok=maintenance-edited&ref=${ids.soon}`);
    const pub = await (await fetch(`${server.baseURL}/maintenance/${ids.soon}`)).text();
    expect(pub).toContain('Database upgrade');
    expect(pub).toContain('<strong>plan</strong>');
    expect(pub).toContain('Affects: Web app');
    expect(pub).toContain(`datetime="${new Date(from).toISOString().slice(0, 19)}`);
    expect(await get(`/admin/audit?action=maintenance.edit`)).toContain('Database upgrade');

    const told = await post(page(ids.soon), { _action: 'edit', name: 'Database upgrade v2', body: 'New plan.', scheduled_for: utc(from), scheduled_until: utc(from + 3 * MS_PER_HOUR), components: String(ids.web), deliver_notifications: 'off,on' });
    expect(told.status).toBe(303);
    await sink.waitFor(() => subjects('sub@example.com').some((s) => /Database upgrade v2 — Details changed/.test(s)), 'the change e-mail');
    expect(subjects('sub@example.com').filter((s) => /Database upgrade/.test(s))).toHaveLength(1);
  });

  it('keeps what was typed and says why when an edit is refused', async () => {
    const res = await post(page(ids.soon), { _action: 'edit', name: 'Typed title', body: 'x', scheduled_for: utc(Date.now() - MS_PER_HOUR), scheduled_until: utc(Date.now() + MS_PER_HOUR), components: String(ids.web) });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Typed title"');
    expect(html).toContain('Must be in the future; use &quot;Start now&quot; to begin early.');
  });

  it('posts progress updates while it runs, from the form and the API, shown on the public page', async () => {
    const res = await post(page(ids.running), { _action: 'update', body: 'Half the **switches** done.', deliver_notifications: 'off,on', idempotency_key: 'mu-1' });
    expect(res.status).toBe(303);
    // a double submit of the same form posts once
    expect((await post(page(ids.running), { _action: 'update', body: 'Half the **switches** done.', deliver_notifications: 'off,on', idempotency_key: 'mu-1' })).status).toBe(303);
    const viaApi = await api('maintenance.update', { maintenance_id: ids.running, body: 'All switches done.', deliver_notifications: false });
    expect(viaApi.status).toBe(200);
    const pub = await (await fetch(`${server.baseURL}/maintenance/${ids.running}`)).text();
    expect(pub.match(/data-maintenance-update=/g)).toHaveLength(2);
    expect(pub.indexOf('All switches done.')).toBeLessThan(pub.indexOf('Half the <strong>switches</strong> done.'));
    await sink.waitFor(() => subjects('sub@example.com').some((s) => /Running window — Update/.test(s)), 'the update e-mail');
    const empty = await post(page(ids.running), { _action: 'update', body: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Message is required.');
  });

  it('cancels and completes only from the confirmation step', async () => {
    const oneTap = await post(page(ids.later), { _action: 'cancel' });
    expect(oneTap.status).toBe(303);
    expect(oneTap.headers.get('location')).toBe(`${page(ids.later)}?confirm=cancel`);
    expect(await get('/admin/maintenance')).toMatch(new RegExp(`data-maintenance-id="${ids.later}"[\\s\\S]*?Scheduled`));
    const step = await get(`${page(ids.later)}?confirm=cancel`);
    expect(step).toContain('Cancel “Later window”?');
    expect(step).toContain('No, keep it');
    expect(step).toMatch(/<input type="hidden" name="confirm" value="yes">/);
    // a step the stage does not allow is not shown
    expect(await get(`${page(ids.later)}?confirm=complete`)).not.toContain('data-confirm-step');
    const yes = await post(page(ids.later), { _action: 'cancel', confirm: 'yes' });
    expect(yes.headers.get('location')).toBe(`${page(ids.later)}?ok=maintenance-cancelled&ref=${ids.later}`);
    expect(await offered(ids.later)).toEqual([]);

    expect((await post(page(ids.running), { _action: 'complete' })).headers.get('location')).toBe(`${page(ids.running)}?confirm=complete`);
    expect(await get(`${page(ids.running)}?confirm=complete`)).toContain('Yes, complete now');
    expect((await post(page(ids.running), { _action: 'complete', confirm: 'yes' })).status).toBe(303);
    expect(await get(page(ids.running))).toContain('This window is over');
  });

  it('answers 404 for an unknown window', async () => {
    expect((await fetch(`${server.baseURL}${page(999_999)}`, { headers: { cookie } })).status).toBe(404);
    expect((await post(page(999_999), { _action: 'cancel', confirm: 'yes' })).status).toBe(404);
  });
});
