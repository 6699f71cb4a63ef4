/** Fair mail lanes: a backlog of sign-up confirmations never holds back incident mail (real SQLite file, real SMTP sink, real worker). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { createLogger } from '../log';
import { createComponent } from '../services/components';
import { createIncident } from '../services/incidents';
import { fanOutMail } from '../services/mail-fan-out';
import { claimMail, enqueueMail } from '../services/mail-outbox';
import { importSubscribers, subscribe } from '../services/subscribers';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import { tempDbPath } from '../../testing/server-harness';
import { startSmtpSink } from '../../testing/smtp-sink';
import { smtpSender } from './transport';
import { startMailWorker } from './worker';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

const RATE = 20;
const isConfirm = (subject: string | undefined) => /Confirm your subscription/.test(subject ?? '');

describe('mail lanes', () => {
  it('sends an incident notification at once while a flood of sign-up confirmations is queued', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const dbPath = tempDbPath('mail-lanes-');
    cleanups.push(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));
    const db = openDatabase(dbPath);
    cleanups.push(() => db.$client.close());
    const t0 = Date.now();
    const api = createComponent(db, { name: 'API', slug: 'api' }, TEST_ACTOR, t0);
    importSubscribers(db, [{ email: 'ops@example.com', componentIds: [api.id] }], TEST_ACTOR, t0);
    await fanOutMail(db, t0); // the first run only places the cursor
    // 60 anonymous sign-ups from 30 addresses, three times the per-minute rate
    for (let i = 0; i < 60; i++) subscribe(db, `visitor${i}@example.com`, { all: true, componentIds: [], groupIds: [] }, `203.0.113.${i % 30}`, t0);

    const log = createLogger('silent');
    const stop = startMailWorker(db, log, { send: smtpSender(sink.url, 'status@example.com', 2000), ratePerMinute: RATE, timeoutMs: 2000, baseMs: 1000, maxHardFailures: 3, intervalMs: 20 });
    cleanups.push(stop);
    await sink.waitFor(() => sink.messages.filter((m) => isConfirm(m.subject)).length >= 5, 'the first confirmations');

    createIncident(db, { title: 'API down', impact: 'major', status: 'investigating', body: 'Looking.', components: { [api.id]: 'major_outage' } }, TEST_ACTOR, Date.now());
    const queuedAt = Date.now();
    await sink.waitFor(() => sink.to('ops@example.com').length > 0, 'the incident mail', 10_000);
    expect(Date.now() - queuedAt).toBeLessThan(5_000);
    expect(sink.to('ops@example.com')[0].subject).toMatch(/API down/);
    // sign-ups keep flowing, within their share of the rate
    const confirmations = sink.messages.filter((m) => isConfirm(m.subject)).length;
    expect(confirmations).toBeGreaterThan(0);
    expect(confirmations).toBeLessThan(RATE);
  });

  it('claims due notifications before older sign-up mail, and each lane on its own', () => {
    const dbPath = tempDbPath('mail-claim-');
    cleanups.push(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));
    const db = openDatabase(dbPath);
    cleanups.push(() => db.$client.close());
    const t = Date.now();
    const msg = { subject: 's', text: 't', html: '<p>t</p>' };
    for (let i = 0; i < 4; i++) enqueueMail(db, null, `confirm:${t - 1000 + i}`, `v${i}@example.com`, msg, {}, t - 1000 + i);
    enqueueMail(db, null, 'change:7', 'ops@example.com', msg, {}, t);
    // RETURNING gives no order: compare the claimed sets
    expect(claimMail(db, t, 2, 10_000).map((r) => `${r.lane} ${r.to}`).sort()).toEqual(['notification ops@example.com', 'signup v0@example.com']);
    expect(claimMail(db, t, 5, 10_000, 'notification')).toEqual([]);
    expect(claimMail(db, t, 5, 10_000, 'signup').map((r) => r.to).sort()).toEqual(['v1@example.com', 'v2@example.com', 'v3@example.com']);
  });
});
