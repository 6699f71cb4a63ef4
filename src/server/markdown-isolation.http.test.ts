/**
 * Hostile markdown against the built server: rows written before the write bound (a 3,000-deep quote, 1,500 nested
 * bullets, emphasis runs, a 100 k-character post-mortem) must leave every page, feed, API answer, badge, admin
 * page and the mail worker working; the write refuses new ones with the reason on the field; the preview is
 * bounded and rationed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db';
import { createIncident, postUpdate, savePostmortem } from './services/incidents';
import { createMaintenance } from './services/maintenance';
import { createTemplate } from './services/templates';
import { createApiKey } from './services/users';
import { seedComponents, TEST_ACTOR } from '../testing/subscriber-scenario';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../testing/server-harness';
import { signInCookie } from '../testing/http-helpers';
import { linkIn, startSmtpSink, type SmtpSink } from '../testing/smtp-sink';

const DEEP_QUOTE = '>'.repeat(3000);
const DEEP_LIST = `${'- '.repeat(1500)}x`;
const EMPHASIS = '_a'.repeat(10_000);
const POSTMORTEM = `# Post-mortem\n\n${'_a'.repeat(50_000)}`;
const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

let sink: SmtpSink;
let server: RunningServer;
let dbPath: string;
let key = '';
let cookie = '';
const ids = { incident: 0, maintenance: 0, api: 0 };

/** Writes through the services on the server's file, as rows written before the bound were. */
function write<T>(fn: (db: Db) => T): T {
  const db = openDatabase(dbPath);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

const form = (body: Record<string, string>) => new URLSearchParams(body);
const postForm = (p: string, body: Record<string, string>) =>
  fetch(`${server.baseURL}${p}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseURL, cookie }, body: form(body) });
const api = (p: string, body: unknown) => fetch(`${server.baseURL}/api/v1${p}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function timedGet(p: string, headers: Record<string, string> = {}): Promise<{ status: number; ms: number; text: string }> {
  const t = performance.now();
  const res = await fetch(`${server.baseURL}${p}`, { headers });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - t, text };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  dbPath = tempDbPath('markdown-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    ids.api = seedComponents(db, now).api;
    key = createApiKey(db, 'md-test', TEST_ACTOR, now).key;
    const inc = createIncident(db, { title: 'Hostile incident', impact: 'major', status: 'investigating', body: DEEP_QUOTE, components: { [ids.api]: 'partial_outage' }, startedAt: now - 60_000 }, TEST_ACTOR, now);
    ids.incident = inc.id;
    postUpdate(db, inc.id, { status: 'identified', body: DEEP_LIST }, TEST_ACTOR, now);
    postUpdate(db, inc.id, { status: 'monitoring', body: EMPHASIS }, TEST_ACTOR, now);
    savePostmortem(db, inc.id, POSTMORTEM, true, TEST_ACTOR, now);
    ids.maintenance = createMaintenance(db, { title: 'Hostile window', body: `${'> - '.repeat(800)}x`, scheduledFor: now - 60_000, scheduledUntil: now + 86_400_000, components: [ids.api] }, TEST_ACTOR, now).id;
    createTemplate(db, { name: 'Hostile', title: 'Hostile', body: DEEP_QUOTE, impact: 'minor' }, TEST_ACTOR, now);
  });
  server = await startServer({
    dbPath,
    env: { SMTP_URL: sink.url, MAIL_FROM: 'Status <status@example.com>', MAIL_RETRY_BASE_SECONDS: '1', METRICS: 'on', LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
  });
  cookie = await signInCookie(server.baseURL, ADMIN.email, ADMIN.password);
}, 60_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  await sink?.close();
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('rows written before the bound', () => {
  it('leave every public page, feed, API answer and badge up, each rendered in a bounded time', async () => {
    const paths = [
      '/', '/history', `/incidents/${ids.incident}`, '/maintenance', `/maintenance/${ids.maintenance}`, '/components/api',
      '/feed.xml', '/feed.atom', '/feed.json', '/history.atom', '/history.rss', '/maintenance.ics', '/components/api/feed.xml', '/components/api/feed.atom',
      '/badge.svg', '/components/api/badge.svg',
      '/api/v2/summary.json', '/api/v2/status.json', '/api/v2/components.json', '/api/v2/incidents.json', '/api/v2/incidents/unresolved.json',
      '/api/v2/scheduled-maintenances.json', '/api/v2/scheduled-maintenances/active.json', '/api/v2/scheduled-maintenances/upcoming.json',
    ];
    for (const p of paths) {
      const r = await timedGet(p);
      expect([p, r.status]).toEqual([p, 200]);
      expect(r.ms, p).toBeLessThan(5000);
    }
    const page = await timedGet(`/incidents/${ids.incident}`);
    expect(page.text).toContain('<blockquote>');
    expect(page.text).toContain('Post-mortem');
  });

  it('leave the admin pages up, the template included', async () => {
    for (const p of ['/admin', `/admin/incidents/${ids.incident}`, '/admin/templates', '/admin/maintenance', '/admin/incidents/new?template=1']) {
      const r = await timedGet(p, { cookie });
      expect([p, r.status]).toEqual([p, 200]);
    }
  });

  it('do not stop the mail worker: a hostile update and the next normal incident both reach a subscriber', async () => {
    const email = 'reader@example.com';
    const res = await postForm('/subscribe', { email });
    expect(res.status).toBe(303);
    await sink.waitFor(() => sink.to(email).some((m) => /Confirm/.test(m.subject ?? '')), 'the confirmation');
    const link = linkIn(sink.to(email).find((m) => /Confirm/.test(m.subject ?? ''))!, '/subscribe/confirm', server.baseURL);
    expect((await postForm(link.slice(server.baseURL.length), { token: new URL(link).searchParams.get('token')!, _action: 'confirm' })).status).toBe(303);

    write((db) => postUpdate(db, ids.incident, { status: 'monitoring', body: DEEP_QUOTE }, TEST_ACTOR, Date.now()));
    const normal = await api('/incidents', { name: 'Normal incident after it', impact: 'minor', status: 'investigating', body: 'All *fine* here.' });
    expect(normal.status).toBe(201);
    await sink.waitFor(() => sink.to(email).some((m) => /Normal incident after it/.test(m.subject ?? '')), 'the normal incident e-mail', 20_000);
    expect(sink.to(email).some((m) => /Hostile incident/.test(m.subject ?? ''))).toBe(true);
  }, 40_000);

  it('keep /healthz healthy, with a markdown check, and /metrics answering with the failure count', async () => {
    const health = await timedGet('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text).checks.markdown).toEqual({ ok: true, detail: 'every item rendered' });
    const metrics = await timedGet('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^statuspage_markdown_render_failures_total 0$/m);
  });
});

describe('the write refuses markdown past the bound', () => {
  it.each([
    ['a new incident', '/incidents', () => ({ name: 'x', impact: 'minor', status: 'investigating', body: DEEP_QUOTE })],
    ['an update', `/incidents/{id}/updates`, () => ({ status: 'identified', body: DEEP_LIST })],
  ])('the API answers 422 with the reason for %s', async (_name, p, body) => {
    const res = await api(p.replace('{id}', String(ids.incident)), body());
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/may nest at most 16 levels deep/);
  });

  it('the admin form shows the reason next to the field and keeps what was typed', async () => {
    const typed = `Before the quote\n${'>'.repeat(40)} deep`;
    const res = await postForm('/admin/incidents/new', { name: 'Typed title', impact: 'minor', status: 'investigating', body: typed });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-body-error"[^>]*>[^<]*Quotes and lists may nest at most 16 levels deep; line 2 nests 40\./);
    expect(html).toContain(`>${typed.replaceAll('>', '&gt;')}</textarea>`);
    expect(html).toContain('value="Typed title"');
  });
});

describe('the preview', () => {
  const preview = (markdown: string) => postForm('/admin/preview', { markdown });

  it('refuses too long and too deep a text with a message, and renders what is within the bounds', async () => {
    const long = await preview('x'.repeat(200_001));
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('at most 200,000 characters');
    const deep = await preview(DEEP_QUOTE);
    expect(deep.status).toBe(422);
    expect(await deep.text()).toContain('nest at most 16 levels deep');
    const ok = await preview('**bold** <script>x()</script>');
    expect(ok.status).toBe(200);
    expect((await ok.text()).trim()).toBe('<p><strong>bold</strong> </p>');
  });

  it('is rationed per operator: a flood of 200 k-character previews is answered 429 with Retry-After', async () => {
    // The same text each time: after the first render the memo answers, so the flood outruns the refill on any machine.
    const text = '*a'.repeat(100_000);
    const statuses: number[] = [];
    for (let i = 0; i < 20 && !statuses.includes(429); i++) {
      const t = performance.now();
      const res = await preview(text);
      statuses.push(res.status);
      if (res.status === 200) expect(performance.now() - t).toBeLessThan(5000);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await res.text()).toContain('Preview paused');
      } else await res.arrayBuffer();
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
