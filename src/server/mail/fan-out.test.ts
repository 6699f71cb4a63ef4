/**
 * Issue 23: a fan-out to thousands of subscribers never stalls the process that serves the page. Real SQLite file,
 * real SMTP sink on loopback, the real worker; the markdown renderer is the real one, only counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../db';
import { createLogger } from '../log';
import * as markdown from '../markdown';
import { createComponent } from '../services/components';
import { createIncident } from '../services/incidents';
import { fanOutMail } from '../services/mail-fan-out';
import { importSubscribers } from '../services/subscribers';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import { tempDbPath } from '../../testing/server-harness';
import { startSmtpSink } from '../../testing/smtp-sink';
import { SMTP_POOL_SIZE, smtpSender } from './transport';
import { startMailWorker } from './worker';

vi.mock('../markdown', async (importOriginal) => {
  const real = await importOriginal<typeof import('../markdown')>();
  return { ...real, renderMarkdown: vi.fn(real.renderMarkdown) };
});

const SUBSCRIBERS = 2_000;
const COMPONENTS = 20;
// a realistic update: a few paragraphs and a list, so rendering it is not free
const BODY = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: we are **investigating** elevated error rates on [the API](https://example.com/api) — see the *timeline*.\n\n- step ${i}\n- next`).join('\n\n');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

/**
 * The most CPU time this thread spent between two ticks of a 1 ms timer: how long the event loop was held. CPU
 * time, not wall time, so a loaded machine descheduling the process does not count as blocking.
 */
function watchLoopCpu(): { stop: () => number } {
  let last = process.threadCpuUsage();
  let max = 0;
  const timer = setInterval(() => {
    const now = process.threadCpuUsage();
    max = Math.max(max, (now.user - last.user + now.system - last.system) / 1000);
    last = now;
  }, 1);
  return { stop: () => (clearInterval(timer), max) };
}

/** A database with SUBSCRIBERS confirmed addresses, each following one of COMPONENTS components. */
async function seed(prefix: string): Promise<{ db: Db; componentIds: number[]; t0: number }> {
  const dbPath = tempDbPath(prefix);
  cleanups.push(() => fs.rmSync(path.dirname(dbPath), { recursive: true, force: true }));
  const db = openDatabase(dbPath);
  cleanups.push(() => db.$client.close());
  const t0 = Date.now();
  const componentIds = Array.from({ length: COMPONENTS }, (_, i) => createComponent(db, { name: `Service ${i}`, slug: `service-${i}` }, TEST_ACTOR, t0).id);
  importSubscribers(db, Array.from({ length: SUBSCRIBERS }, (_, i) => ({ email: `s${i}@example.com`, componentIds: [componentIds[i % COMPONENTS]] })), TEST_ACTOR, t0);
  await fanOutMail(db, t0); // the first run only places the cursor (and compiles the e-mail shell)
  return { db, componentIds, t0 };
}

/** An incident on half the components: SUBSCRIBERS / 2 recipients. */
const incidentOnHalf = (db: Db, componentIds: number[]) =>
  createIncident(db, { title: 'Errors', impact: 'major', status: 'investigating', body: BODY, components: Object.fromEntries(componentIds.slice(0, COMPONENTS / 2).map((id) => [id, 'partial_outage'])) }, TEST_ACTOR, Date.now());

describe('mail fan-out', () => {
  it('renders one incident update once, not once per subscriber', async () => {
    const { db, componentIds } = await seed('fan-out-render-');
    vi.mocked(markdown.renderMarkdown).mockClear();
    incidentOnHalf(db, componentIds);
    expect(await fanOutMail(db, Date.now())).toBe(SUBSCRIBERS / 2);
    expect(vi.mocked(markdown.renderMarkdown).mock.calls.filter(([md]) => md === BODY)).toHaveLength(1);
    // each message still carries its own subscriber's links
    const rows = db.$client.prepare("SELECT text FROM mail_outbox WHERE event LIKE 'change:%' LIMIT 2").pluck().all() as string[];
    expect(new Set(rows.map((t) => t.match(/token=\S+/)?.[0])).size).toBe(2);
  });

  it('sends to every follower over a few pooled connections without blocking the event loop', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const { db, componentIds } = await seed('fan-out-pool-');
    const stop = startMailWorker(db, createLogger('silent'), { send: smtpSender(sink.url, 'status@example.com', 5000), ratePerMinute: 1_000_000, timeoutMs: 5000, baseMs: 1000, maxHardFailures: 3, intervalMs: 50 });
    cleanups.push(stop);

    incidentOnHalf(db, componentIds); // the write itself is the request's work; what follows is the worker's
    const held = watchLoopCpu();
    await sink.waitFor(() => sink.messages.length >= SUBSCRIBERS / 2, `${SUBSCRIBERS / 2} messages`, 60_000);
    const maxHeldMs = held.stop();

    expect(new Set(sink.messages.map((m) => m.to && [m.to].flat()[0]?.text)).size).toBe(SUBSCRIBERS / 2);
    expect(sink.connections).toBeLessThanOrEqual(SMTP_POOL_SIZE);
    // chunks of a few milliseconds, not one synchronous fan-out
    expect(maxHeldMs).toBeLessThan(100);
  }, 90_000);
});
