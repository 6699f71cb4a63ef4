/** Sends claimed deliveries (signed POSTs under the target policy), records outcomes, backs off, and disables subscribers failing too long. */
import http from 'node:http';
import https from 'node:https';
import { and, eq } from 'drizzle-orm';
import { webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import { afterFailure, TEST_CHANGE_ID, TEST_EVENT } from '../../domain/webhook';
import type { TargetPolicy } from '../../domain/target-policy';
import { tx, type Db } from '../db';
import { guardedLookup } from '../net/guarded-lookup';
import { checkUrl, publicTargetPolicyOf, TargetRefusedError, targetPolicyOf } from '../net/target-policy';
import { getSettings } from '../queries/settings';
import { systemActor } from '../services/actor';
import { recordAudit } from '../services/journal';
import { noticeDisabled } from '../services/webhook-subscriptions';
import { claimDue, type DeliveryOptions, type Due } from './claim';
import { SIGNATURE_HEADER, signBody } from './sign';

export type { DeliveryOptions };

const DEFAULT_BATCH = 20;

export interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** One signed POST to the checked address; redirects are not followed (a receiver answers, it does not forward). */
function send(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, policy: TargetPolicy): Promise<number> {
  const refused = checkUrl(url, policy);
  if (refused) return Promise.reject(new TargetRefusedError(refused));
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false, lookup: guardedLookup(policy) });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    req.on('error', (err) => (clearTimeout(timer), reject(err)));
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.end(body);
  });
}

async function post(d: Due, timeoutMs: number, policy: TargetPolicy): Promise<Outcome> {
  // chat bodies carry no meta: the change's kind names them
  const event = (JSON.parse(d.payload) as { meta?: { event?: string } }).meta?.event ?? d.kind ?? (d.changeId === TEST_CHANGE_ID ? TEST_EVENT : 'unknown');
  const body = d.body;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'statuspage-webhooks/1',
    [SIGNATURE_HEADER]: signBody(d.secret, body),
    'x-statuspage-event': event,
    'x-statuspage-delivery': String(d.id),
  };
  try {
    const status = await send(new URL(d.url), headers, body, timeoutMs, policy);
    const ok = status >= 200 && status < 300;
    const error = ok ? null : status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
    return { ok, statusCode: status, error };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, statusCode: null, error: e instanceof TargetRefusedError || e.code === 'ETIMEDOUT' ? e.message : (e.code ?? e.message) };
  }
}

/** A sent delivery and what came of it, at `at`. */
export interface Finished {
  d: Due;
  r: Outcome;
  at: number;
}

/** Records outcomes in one transaction: one commit per batch of finished deliveries, not one per delivery. */
export function recordOutcomes(db: Db, finished: Finished[], o: DeliveryOptions): void {
  if (finished.length) tx(db, () => finished.forEach((f) => writeOutcome(db, f.d, f.r, f.at, o)));
}

function writeOutcome(db: Db, d: Due, r: Outcome, now: number, o: DeliveryOptions): void {
  const attempts = d.attempts + 1;
  const sub = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, d.subscriberId)).get();
  if (!sub) return;
  if (r.ok) {
    db.update(webhookDeliveries).set({ status: 'delivered', attempts, lastStatusCode: r.statusCode, lastError: null, deliveredAt: now }).where(eq(webhookDeliveries.id, d.id)).run();
    db.update(webhookSubscribers).set({ lastSuccessAt: now, failingSince: null }).where(eq(webhookSubscribers.id, sub.id)).run();
    return;
  }
  if (d.changeId === TEST_CHANGE_ID) {
    // A test is sent once and says how that went; the channel's failure clock is for real notifications.
    db.update(webhookDeliveries).set({ status: 'failed', attempts, lastStatusCode: r.statusCode, lastError: r.error }).where(eq(webhookDeliveries.id, d.id)).run();
    return;
  }
  const next = afterFailure({ failingSince: sub.failingSince, attempts, now }, o);
  db.update(webhookDeliveries).set({ attempts, lastStatusCode: r.statusCode, lastError: r.error, nextAttemptAt: next.nextAttemptAt }).where(eq(webhookDeliveries.id, d.id)).run();
  if (!next.disable) {
    if (sub.failingSince === null) db.update(webhookSubscribers).set({ failingSince: next.failingSince }).where(eq(webhookSubscribers.id, sub.id)).run();
    return;
  }
  const reason = `Failing since ${new Date(next.failingSince).toISOString()} (last error: ${r.error}).`;
  db.update(webhookSubscribers).set({ enabled: false, disabledReason: reason, failingSince: next.failingSince }).where(eq(webhookSubscribers.id, sub.id)).run();
  db.update(webhookDeliveries).set({ status: 'failed' }).where(and(eq(webhookDeliveries.subscriberId, sub.id), eq(webhookDeliveries.status, 'pending'))).run();
  recordAudit(db, now, systemActor('system'), 'webhook.disable', 'webhook_subscriber', sub.id, { note: reason });
  noticeDisabled(db, sub, reason, now);
}

/** The target policies of both kinds of subscriber, as the settings say now. */
export function targetPolicies(db: Db): Record<Due['source'], TargetPolicy> {
  const settings = getSettings(db);
  return { admin: targetPolicyOf(settings), public: publicTargetPolicyOf(settings) };
}

/** Sends one claimed delivery: the outcome, never an exception. */
export function sendDelivery(d: Due, o: DeliveryOptions, policies: Record<Due['source'], TargetPolicy>): Promise<Outcome> {
  return post(d, o.timeoutMs, policies[d.source]);
}

/** One batch: sends up to `o.batch` due deliveries together and records each outcome; returns the number attempted. */
export async function deliverDue(db: Db, now: () => number, o: DeliveryOptions): Promise<number> {
  const due = claimDue(db, now(), o, (rows) => rows.slice(0, o.batch ?? DEFAULT_BATCH));
  if (due.length === 0) return 0;
  const policies = targetPolicies(db);
  await Promise.all(due.map(async (d) => recordOutcomes(db, [{ d, r: await sendDelivery(d, o, policies), at: now() }], o)));
  return due.length;
}
