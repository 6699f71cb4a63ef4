/** One hanging receiver delays no one: real SQLite file, real node:http receivers on loopback, the real worker. */
import { and, eq, gte } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import type { Db } from '../db';
import { setComponentStatus } from '../services/components';
import { addSubscriber } from '../services/webhooks';
import { claimDue } from './claim';
import { fanOutChanges } from './fan-out';
import { startWebhookWorker, type WorkerOptions } from './worker';

const quietLog = { error: () => {} };
const TIMEOUT_MS = 4000;
const BASE: WorkerOptions = { intervalMs: 20, timeoutMs: TIMEOUT_MS, baseMs: 50, maxDelayMs: 400, disableAfterMs: 600_000 };

const receivers: Receiver[] = [];
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close())); // closing the hanging ones ends the worker's in-flight sends
  await stop?.();
  receivers.length = 0;
  stop = null;
});

async function receiversOf(n: number, status: number): Promise<Receiver[]> {
  const made = await Promise.all(Array.from({ length: n }, () => startReceiver(() => status)));
  receivers.push(...made);
  return made;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Subscribes each URL (healthy and hanging interleaved, as the order of sign-up would have it) and starts the worker. */
async function setup(urls: string[], opts: Partial<WorkerOptions>): Promise<{ db: Db; api: number }> {
  const db = freshDb();
  const { api } = seedComponents(db, Date.now());
  stop = startWebhookWorker(db, quietLog, { ...BASE, ...opts });
  await until(() => db.$client.prepare("SELECT value FROM settings WHERE key = 'webhookCursor'").get() !== undefined, 2000, 'the cursor');
  for (const url of urls) addSubscriber(db, { url, description: null }, TEST_ACTOR, Date.now());
  return { db, api };
}

const interleave = (healthy: string[], hanging: string[]) => healthy.flatMap((h, i) => (i % 4 === 0 && hanging[i / 4] ? [hanging[i / 4], h] : [h]));
const gotAll = (rs: Receiver[], n: number) => () => rs.every((r) => r.requests.length >= n);

describe('webhook fairness', () => {
  it('delivers to 40 healthy receivers well before 10 hanging ones time out, and again while those are retried', async () => {
    const healthy = await receiversOf(40, 204);
    const hanging = await receiversOf(10, 0);
    const { db, api } = await setup(interleave(healthy.map((r) => r.url), hanging.map((r) => r.url)), {});

    const t1 = Date.now();
    setComponentStatus(db, api, 'degraded_performance', TEST_ACTOR, t1);
    await until(gotAll(healthy, 1), TIMEOUT_MS / 2, 'every healthy receiver got the first change');
    expect(Date.now() - t1).toBeLessThan(TIMEOUT_MS / 2);

    // the hanging ones time out and wait for their retry; a new change goes first to everyone healthy
    await until(() => db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.status, 'pending'), gte(webhookDeliveries.attempts, 1))).all().length === 10, TIMEOUT_MS * 2, 'the timeouts');
    const t2 = Date.now();
    setComponentStatus(db, api, 'operational', TEST_ACTOR, t2);
    await until(gotAll(healthy, 2), TIMEOUT_MS / 2, 'every healthy receiver got the second change');
    expect(hanging.every((r) => r.requests.length >= 1)).toBe(true);
  });

  it('lets one hanging host hold only its share of the pool', async () => {
    const healthy = await receiversOf(20, 204);
    const [slow] = await receiversOf(1, 0);
    // twenty channels on one hanging host, listed first
    const urls = [...Array.from({ length: 20 }, (_, i) => `${slow.url}/${i}`), ...healthy.map((r) => r.url)];
    const { db, api } = await setup(urls, { concurrency: 8, perHostConcurrency: 2 });

    const t = Date.now();
    setComponentStatus(db, api, 'major_outage', TEST_ACTOR, t);
    await until(gotAll(healthy, 1), TIMEOUT_MS / 2, 'every healthy receiver got the change');
    await until(() => slow.requests.length >= 2, 1000, 'the hanging host got its share');
    expect(slow.requests.length).toBe(2); // never more than its per-host limit at once
  });

  it('claims fresh deliveries to healthy receivers first, then those to failing receivers, then retries', () => {
    const db = freshDb();
    const { api } = seedComponents(db, Date.now());
    fanOutChanges(db, Date.now()); // the first run places the cursor
    const [retried, failing] = ['retried', 'failing', 'healthy'].map((n) => addSubscriber(db, { url: `http://127.0.0.1:9/${n}`, description: n }, TEST_ACTOR, Date.now()).id);
    setComponentStatus(db, api, 'partial_outage', TEST_ACTOR, Date.now());
    expect(fanOutChanges(db, Date.now())).toBe(3);
    const t = Date.now();
    db.$client.prepare('UPDATE webhook_deliveries SET attempts = 1, next_attempt_at = ? WHERE subscriber_id = ?').run(t - 60_000, retried);
    db.$client.prepare('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE subscriber_id = ?').run(t - 30_000, failing);
    db.$client.prepare('UPDATE webhook_subscribers SET failing_since = ? WHERE id = ?').run(t - 30_000, failing);
    const order: string[] = [];
    claimDue(db, t, BASE, (due) => (order.push(...due.map((d) => d.url.split('/').pop()!)), []));
    expect(order).toEqual(['healthy', 'failing', 'retried']);
  });
});
