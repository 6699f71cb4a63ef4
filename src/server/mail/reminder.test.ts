/** The maintenance reminder arrives when the clock job reaches scheduled_for − remind prior: the clock is injected. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MS_PER_HOUR, MS_PER_MINUTE } from '../../domain/constants';
import { openDatabase } from '../db';
import { lastBeat } from '../health';
import { startClock } from '../jobs/clock';
import { createLogger } from '../log';
import { createComponent } from '../services/components';
import { fanOutMail, fanOutMailChunk } from '../services/mail-fan-out';
import { cancelMaintenance, createMaintenance } from '../services/maintenance';
import { tickReminders } from '../services/subscriber-jobs';
import { importSubscribers } from '../services/subscribers';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import { tempDbPath } from '../../testing/server-harness';
import { startSmtpSink } from '../../testing/smtp-sink';
import { smtpSender } from './transport';
import { startMailWorker } from './worker';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('maintenance reminder', () => {
  it('is sent once at the configured time before the start, not earlier', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const dbPath = tempDbPath('reminder-');
    cleanups.push(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));
    const db = openDatabase(dbPath);
    cleanups.push(() => db.$client.close());
    const t0 = Date.UTC(2031, 0, 10, 12, 0);
    let fake = t0;
    const now = () => fake;
    const api = createComponent(db, { name: 'API', slug: 'api' }, TEST_ACTOR, t0);
    importSubscribers(db, [{ email: 'ops@example.com', componentIds: [api.id] }], TEST_ACTOR, t0);
    await fanOutMail(db, t0); // the first run only places the cursor
    const start = t0 + 3 * MS_PER_HOUR;
    createMaintenance(db, { title: 'DB upgrade', body: 'Short pause.', scheduledFor: start, scheduledUntil: start + MS_PER_HOUR, components: [api.id], remindPriorMinutes: 90 }, TEST_ACTOR, t0);

    const log = createLogger('silent');
    const stopClock = startClock(db, log, 10, { now });
    cleanups.push(stopClock);
    const stopMail = startMailWorker(db, log, { send: smtpSender(sink.url, 'status@example.com', 2000), ratePerMinute: 100, timeoutMs: 2000, baseMs: 1000, maxHardFailures: 3, intervalMs: 10, now });
    cleanups.push(stopMail);

    await sink.waitFor(() => sink.to('ops@example.com').some((m) => /Scheduled$/.test(m.subject ?? '')), 'the scheduled notice');
    fake = start - 91 * MS_PER_MINUTE;
    const reminded = () => db.$client.prepare('SELECT reminded_at FROM maintenances').pluck().get() as number | null;
    // the clock's heartbeat carries the injected time: once it has ticked at T−91 min, the reminder must not be recorded
    await sink.waitFor(() => lastBeat('clock') === fake, 'a clock tick at T−91 min');
    await sink.waitFor(() => lastBeat('clock') === fake, 'a second tick');
    expect(reminded()).toBeNull();

    fake = start - 90 * MS_PER_MINUTE;
    await sink.waitFor(() => sink.to('ops@example.com').some((m) => /Starts in 90 minutes/.test(m.subject ?? '')), 'the reminder');
    expect(reminded()).toBe(start - 90 * MS_PER_MINUTE);
    fake += MS_PER_MINUTE;
    await sink.waitFor(() => (db.$client.prepare("SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'").pluck().get() as number) === 0, 'the outbox to drain');
    const subjects = sink.to('ops@example.com').map((m) => m.subject);
    expect(subjects.filter((s) => /Starts in 90 minutes/.test(s ?? ''))).toEqual(['[Status] Maintenance: DB upgrade — Starts in 90 minutes']);
  });

  it('cancelling sends "Cancelled" to the subscribers of its components (honouring notify) and no reminder follows', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const dbPath = tempDbPath('cancel-');
    cleanups.push(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));
    const db = openDatabase(dbPath);
    cleanups.push(() => db.$client.close());
    const t0 = Date.UTC(2031, 0, 10, 12, 0);
    let fake = t0;
    const now = () => fake;
    const api = createComponent(db, { name: 'API', slug: 'api' }, TEST_ACTOR, t0);
    const web = createComponent(db, { name: 'Web', slug: 'web' }, TEST_ACTOR, t0);
    importSubscribers(db, [{ email: 'api@example.com', componentIds: [api.id] }, { email: 'web@example.com', componentIds: [web.id] }], TEST_ACTOR, t0);
    await fanOutMail(db, t0);
    const start = t0 + 3 * MS_PER_HOUR;
    const window = { body: 'Short pause.', scheduledFor: start, scheduledUntil: start + MS_PER_HOUR, components: [api.id], remindPriorMinutes: 60 };
    const m = createMaintenance(db, { title: 'DB upgrade', ...window }, TEST_ACTOR, t0);
    const quiet = createMaintenance(db, { title: 'Quiet work', ...window, notify: false }, TEST_ACTOR, t0);
    // a reminder recorded, then the window called off before the fan-out ran: the reminder is not sent
    const late = createMaintenance(db, { title: 'Late call-off', ...window, scheduledFor: t0 + 30 * MS_PER_MINUTE }, TEST_ACTOR, t0);
    await fanOutMail(db, t0);
    expect(tickReminders(db, t0)).toBe(1);
    cancelMaintenance(db, late.id, TEST_ACTOR, t0);
    // a reminder already in the outbox, unsent, when its window is called off: withdrawn, not sent
    const queued = createMaintenance(db, { title: 'Queued call-off', ...window, scheduledFor: t0 + 20 * MS_PER_MINUTE }, TEST_ACTOR, t0);
    await fanOutMail(db, t0);
    expect(tickReminders(db, t0)).toBe(1);
    await fanOutMail(db, t0);
    expect(db.$client.prepare("SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending' AND subject LIKE '%Queued call-off — Starts in%'").pluck().get()).toBe(1);
    cancelMaintenance(db, queued.id, TEST_ACTOR, t0);

    const log = createLogger('silent');
    const stopClock = startClock(db, log, 10, { now });
    cleanups.push(stopClock);
    const stopMail = startMailWorker(db, log, { send: smtpSender(sink.url, 'status@example.com', 2000), ratePerMinute: 100, timeoutMs: 2000, baseMs: 1000, maxHardFailures: 3, intervalMs: 10, now });
    cleanups.push(stopMail);
    await sink.waitFor(() => sink.to('api@example.com').some((x) => x.subject === '[Status] Maintenance: Late call-off — Cancelled'), 'the late cancellation');

    cancelMaintenance(db, m.id, TEST_ACTOR, t0 + MS_PER_MINUTE);
    cancelMaintenance(db, quiet.id, TEST_ACTOR, t0 + MS_PER_MINUTE);
    await sink.waitFor(() => sink.to('api@example.com').some((x) => x.subject === '[Status] Maintenance: DB upgrade — Cancelled'), 'the cancellation');
    const mail = sink.to('api@example.com').find((x) => /DB upgrade — Cancelled/.test(x.subject ?? ''))!;
    expect(mail.text).toContain('Short pause.');
    expect(mail.text).toMatch(/^API +Operational$/m);

    // past the reminder time and the start: the clock ticks, nothing more is sent for the cancelled windows
    fake = start + MS_PER_MINUTE;
    await sink.waitFor(() => lastBeat('clock') === fake, 'a clock tick after the start');
    await sink.waitFor(() => lastBeat('clock') === fake && (db.$client.prepare("SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'").pluck().get() as number) === 0, 'the outbox to drain');
    await sink.waitFor(() => fanOutMailChunk(db, fake).queued === 0 && (db.$client.prepare("SELECT value FROM settings WHERE key = 'mailCursor'").pluck().get() as string) === String(db.$client.prepare('SELECT MAX(id) FROM change_log').pluck().get()), 'the fan-out to catch up');
    expect(sink.to('api@example.com').map((x) => x.subject).sort()).toEqual([
      '[Status] Maintenance: DB upgrade — Cancelled',
      '[Status] Maintenance: DB upgrade — Scheduled',
      '[Status] Maintenance: Late call-off — Cancelled',
      '[Status] Maintenance: Late call-off — Scheduled',
      '[Status] Maintenance: Queued call-off — Cancelled',
      '[Status] Maintenance: Queued call-off — Scheduled',
    ]);
    expect(sink.to('web@example.com')).toHaveLength(0);
    expect(db.$client.prepare('SELECT reminded_at FROM maintenances WHERE id = ?').pluck().get(m.id)).toBeNull();
  });
});
