/**
 * Issue 27, e-mail that reads like the page: threading and list headers, delivery in event order (retries included)
 * and a text part with its structure kept. The built server, a real SQLite file, a real SMTP server on loopback.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { createApiKey } from '../services/users';
import { importSubscribers } from '../services/subscribers';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp-sink';
import { LONG_URL, stressUpdate } from '../../testing/mail-stress';

const TO = 'reader@example.com';
let sink: SmtpSink;
let server: RunningServer;
let dbPath: string;
let key = '';

const api = (p: string, body: unknown) => fetch(`${server.baseURL}/api/v1${p}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const setting = (k: string) => {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(k) as string | undefined;
  } finally {
    db.$client.close();
  }
};
/** A header as sent (mailparser turns List-* headers into objects). */
const rawHeader = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? null;
const mailWith = async (subject: string) => {
  await sink.waitFor(() => sink.to(TO).some((m) => m.subject === subject), `"${subject}"`, 30_000);
  return sink.to(TO).find((m) => m.subject === subject)!;
};
async function openIncident(name: string, body: string): Promise<number> {
  const res = await api('/incidents', { name, impact: 'critical', status: 'investigating', body, components: { api: 'major_outage' } });
  expect(res.status).toBe(201);
  return Number(((await res.json()) as { id: number | string }).id);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  dbPath = tempDbPath('mail-threading-');
  seedDatabase(dbPath, (db) => {
    const ids = seedComponents(db, Date.now());
    importSubscribers(db, [{ email: TO, componentIds: [ids.api] }], TEST_ACTOR, Date.now());
    key = createApiKey(db, 'mail-threading', TEST_ACTOR, Date.now()).key;
  });
  const env = { SMTP_URL: sink.url, MAIL_FROM: 'Acme Status <status@example.com>', PAGE_NAME: 'Acme Status', MAIL_RETRY_BASE_SECONDS: '1', MAIL_TIMEOUT_MS: '3000', LOG_LEVEL: 'warn' };
  server = await startServer({ dbPath, env });
  // the worker's first pass places its cursor after what exists: mail is about what happens from then on
  await sink.waitFor(() => setting('mailCursor') !== undefined, 'the mail cursor', 30_000);
});

afterAll(async () => {
  if (process.env.SHOW_SERVER_OUTPUT) console.log(server?.output());
  await server?.stop('SIGKILL');
  await sink.close();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('incident e-mail', () => {
  it('threads one incident: the first message is the root, the later ones reply to it; list mail, auto-generated', async () => {
    const id = await openIncident('Login errors', 'Looking into it.');
    expect((await api(`/incidents/${id}/updates`, { status: 'resolved', body: 'Fixed.' })).status).toBe(201);
    const first = await mailWith('[Acme Status] Login errors — Investigating');
    const last = await mailWith('[Acme Status] Login errors — Resolved');
    expect(first.messageId).toMatch(new RegExp(`^<incident-${id}\\.s\\d+@[^>]+>$`));
    expect(first.inReplyTo).toBeUndefined();
    expect(last.messageId).not.toBe(first.messageId);
    expect(last.inReplyTo).toBe(first.messageId);
    expect([last.references].flat()).toEqual([first.messageId]);
    for (const m of [first, last]) {
      expect(rawHeader(m, 'list-id')).toMatch(/^"Acme Status" <[a-z0-9.-]+>$/);
      expect(rawHeader(m, 'auto-submitted')).toBe('auto-generated');
      expect(rawHeader(m, 'list-unsubscribe')).toMatch(/\/subscribe\/unsubscribe\?token=/);
    }
    // another incident is another thread
    const other = await openIncident('Slow search', 'Looking.');
    expect((await mailWith('[Acme Status] Slow search — Investigating')).messageId).toMatch(new RegExp(`^<incident-${other}\\.`));
  });

  it('delivers resolve before the post-mortem, even when the resolved message has to be retried', async () => {
    const id = await openIncident('Queue backlog', 'Looking into it.');
    await mailWith('[Acme Status] Queue backlog — Investigating');
    let refusals = 0;
    // the mail server turns the first "Resolved" away: it waits for its retry, and the post-mortem must wait too
    sink.refuseWhen = (m) => m.subject === '[Acme Status] Queue backlog — Resolved' && refusals++ === 0;
    expect((await api(`/incidents/${id}/updates`, { status: 'resolved', body: 'Drained.' })).status).toBe(201);
    expect((await api('/verbs/incident.postmortem', { incident_id: id, postmortem: 'What happened.', publish: true })).status).toBe(200);
    await mailWith('[Acme Status] Post-mortem: Queue backlog');
    await mailWith('[Acme Status] Queue backlog — Resolved');
    sink.refuseWhen = null;
    expect(refusals).toBeGreaterThan(1); // it was refused once, then sent
    const order = sink.to(TO).map((m) => m.subject).filter((s) => /Queue backlog/.test(s ?? ''));
    expect(order).toEqual(['[Acme Status] Queue backlog — Investigating', '[Acme Status] Queue backlog — Resolved', '[Acme Status] Post-mortem: Queue backlog']);
  });

  it('keeps the text part structured: heading, list, table and code each on their own lines, with status, impact and time', async () => {
    const id = await openIncident('Card payments failing', stressUpdate());
    const m = await mailWith('[Acme Status] Card payments failing — Investigating');
    const text = m.text ?? '';
    expect(text).toMatch(/^Card payments failing — Investigating$/m);
    expect(text).toMatch(/^Impact: Critical · Posted [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/m);
    expect(text).toMatch(/^API +Major outage$/m);
    expect(text).toMatch(/^Summary$/m);
    expect(text).toMatch(/^ \* first step: failover$/m);
    expect(text).toMatch(/^ \* second step: drain the queue$/m);
    expect(text).toMatch(/^Region +Error rate +Requests affected$/m);
    expect(text).toMatch(/^eu-west-1 +12 % +48,210$/m);
    expect(text).toMatch(/^ERROR 2026-12-07T14:31:07Z payments-authorisation-gateway/m);
    expect(text).toMatch(/^ {2}at handler \(gateway\.ts:120\)$/m);
    expect(text).toContain(LONG_URL); // whole, never cut by the line wrap
    expect(text).toMatch(new RegExp(`^View incident: \\S+/incidents/${id}$`, 'm'));
    expect(text).toMatch(/^Manage your subscription: \S+\/subscribe\/manage\?token=\S+$/m);
    expect(text).toMatch(/^Unsubscribe: \S+\/subscribe\/unsubscribe\?token=\S+$/m);
    // the HTML part: a phone viewport, the button, the status of each component
    expect(m.html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(m.html).toMatch(new RegExp(`<a\\s+href="[^"]+/incidents/${id}"[^>]*>\\s*View incident\\s*</a>`));
    expect(m.html).toContain('Major outage');
  });
});

describe('subscriber pages', () => {
  it('the manage page shows the address and what it follows; manage, confirm and unsubscribe lead back to the status page', async () => {
    await openIncident('Manage me', 'Looking.');
    const m = await mailWith('[Acme Status] Manage me — Investigating');
    const link = /^Manage your subscription: (\S+)$/m.exec(m.text ?? '')![1];
    const u = new URL(link);
    const manage = await (await fetch(`${server.baseURL}${u.pathname}${u.search}`)).text();
    expect(manage).toMatch(/Address: <strong><bdi>reader@example\.com<\/bdi><\/strong>/);
    expect(manage).toMatch(/<ul aria-labelledby="following-now"><li><bdi>API<\/bdi><\/li><\/ul>/);
    for (const page of [manage, await (await fetch(`${server.baseURL}/subscribe/confirm?done=1`)).text(), await (await fetch(`${server.baseURL}/subscribe/unsubscribe?done=1`)).text()]) {
      expect(page).toContain('<a href="/">Back to Acme Status</a>');
    }
  });
});

/** Debian's `spamassassin`, offline (-L: local tests only); CI installs it (apt package spamassassin). */
const SPAMASSASSIN = ['/usr/bin/spamassassin', '/usr/local/bin/spamassassin'].find((p) => fs.existsSync(p));

describe.skipIf(!SPAMASSASSIN)(`SpamAssassin${SPAMASSASSIN ? '' : ' (skipped: the spamassassin binary is missing; apt-get install spamassassin)'}`, () => {
  it('scores the incident e-mail at most 0.5 with no header rule that adds points', async () => {
    await openIncident('Checkout degraded', stressUpdate());
    const m = await mailWith('[Acme Status] Checkout degraded — Investigating');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'spamassassin-'));
    try {
      // a HOME of its own: spamassassin writes its user preferences there
      const r = spawnSync(SPAMASSASSIN!, ['-L', '-t'], { input: sink.sourceOf(m), encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const report = r.stdout.slice(r.stdout.indexOf('Content analysis details'));
      const score = Number(/\((-?\d+(?:\.\d+)?) points/.exec(report)?.[1]);
      const hits = [...report.matchAll(/^\s*(-?\d+\.\d+)\s+([A-Z0-9_]+)\s/gm)].map(([, pts, rule]) => ({ pts: Number(pts), rule }));
      expect(score, report).toBeLessThanOrEqual(0.5);
      expect(hits.filter((h) => h.pts > 0), report).toEqual([]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }, 180_000);
});
