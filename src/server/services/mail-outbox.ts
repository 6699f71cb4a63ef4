/** The mail outbox: queue a message, claim due ones atomically (a lease), record what the SMTP server answered. */
import type { Statement } from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { mailOutbox, subscribers } from '../../../db/schema';
import { backoffDelay } from '../../domain/backoff';
import { MS_PER_DAY, MS_PER_HOUR } from '../../domain/constants';
import { mailLane, type MailLane } from '../../domain/mail-lanes';
import { tx, type Db } from '../db';
import type { Message } from '../mail/compose';
import { systemActor } from './actor';
import { recordAudit } from './journal';

export interface OutboxRow {
  id: number;
  subscriberId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attempts: number;
  lane: MailLane;
}

export interface RetryOptions {
  baseMs: number;
  maxHardFailures: number;
  /** A message still unsent after this long is given up. */
  giveUpAfterMs?: number;
}

/**
 * Queues one message; call inside the transaction that decides it. False when that (subscriber, event) is already
 * queued. Messages of one `thread` to one subscriber leave in the order they were queued.
 */
export function enqueueMail(db: Db, subscriberId: number | null, event: string, to: string, msg: Message, headers: Record<string, string>, now: number, thread: string | null = null): boolean {
  const r = insertOf(db).run(subscriberId, event, mailLane(event), thread, to, msg.subject, msg.text, msg.html, JSON.stringify(headers), now, now);
  return r.changes === 1;
}

// prepared once per connection: a fan-out inserts tens of thousands of rows
const inserts = new WeakMap<Db['$client'], Statement>();
function insertOf(db: Db): Statement {
  let s = inserts.get(db.$client);
  if (!s) {
    s = db.$client.prepare('INSERT OR IGNORE INTO mail_outbox (subscriber_id, event, lane, thread, "to", subject, text, html, headers, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \'pending\', 0, ?, ?)');
    inserts.set(db.$client, s);
  }
  return s;
}

/**
 * Claims up to `limit` due rows of one lane (or of any, notifications first) in one statement, pushing their next
 * attempt past `leaseMs`: no other process takes them meanwhile. A row waits while an earlier message of its thread
 * to the same subscriber is unsent (being sent, or waiting for a retry), so "Resolved" always arrives before the post-mortem.
 */
export function claimMail(db: Db, now: number, limit: number, leaseMs: number, lane: MailLane | null = null): OutboxRow[] {
  if (limit <= 0) return [];
  const rows = db.$client
    .prepare(
      `UPDATE mail_outbox SET next_attempt_at = ? WHERE id IN (SELECT id FROM mail_outbox o WHERE status = 'pending' AND next_attempt_at <= ? AND lane = COALESCE(?, lane)
           AND (thread IS NULL OR NOT EXISTS (SELECT 1 FROM mail_outbox e WHERE e.subscriber_id = o.subscriber_id AND e.thread = o.thread AND e.status = 'pending' AND e.id < o.id))
         ORDER BY lane = 'notification' DESC, next_attempt_at, id LIMIT ?)
       RETURNING id, subscriber_id AS subscriberId, "to", subject, text, html, headers, attempts, lane`,
    )
    .all(now + leaseMs, now, lane, limit) as (Omit<OutboxRow, 'headers'> & { headers: string })[];
  return rows.map((r) => ({ ...r, headers: JSON.parse(r.headers) as Record<string, string> }));
}

export type SendResult = { ok: true } | { ok: false; permanent: boolean; error: string };

/** Records one attempt: sent; or a retry with backoff; permanent refusals count against the address. */
function recordMailOutcome(db: Db, row: OutboxRow, r: SendResult, now: number, o: RetryOptions): void {
  tx(db, () => {
    const attempts = row.attempts + 1;
    if (r.ok) {
      db.update(mailOutbox).set({ status: 'sent', attempts, sentAt: now, lastError: null }).where(eq(mailOutbox.id, row.id)).run();
      if (row.subscriberId !== null) db.update(subscribers).set({ lastSentAt: now, hardFailures: 0 }).where(eq(subscribers.id, row.subscriberId)).run();
      return;
    }
    const created = db.select({ createdAt: mailOutbox.createdAt }).from(mailOutbox).where(eq(mailOutbox.id, row.id)).get();
    const next = now + backoffDelay(attempts, { baseMs: o.baseMs, maxDelayMs: MS_PER_HOUR });
    const expired = created !== undefined && now - created.createdAt > (o.giveUpAfterMs ?? 3 * MS_PER_DAY);
    db.update(mailOutbox).set({ attempts, lastError: r.error.slice(0, 500), nextAttemptAt: next, status: expired ? 'failed' : 'pending' }).where(eq(mailOutbox.id, row.id)).run();
    if (!r.permanent || row.subscriberId === null) return;
    const sub = db.update(subscribers).set({ hardFailures: attemptsOf(db, row.subscriberId) + 1 }).where(eq(subscribers.id, row.subscriberId)).returning().get();
    if (!sub || sub.hardFailures < o.maxHardFailures) return;
    db.update(subscribers).set({ status: 'failed' }).where(eq(subscribers.id, sub.id)).run();
    db.update(mailOutbox).set({ status: 'failed' }).where(and(eq(mailOutbox.subscriberId, sub.id), eq(mailOutbox.status, 'pending'))).run();
    recordAudit(db, now, systemActor('system'), 'subscriber.fail', 'subscriber', sub.id, { note: `The mail server refused the address ${sub.hardFailures} times (last: ${r.error.slice(0, 200)}).` });
  });
}

/** Records a round of attempts in one transaction (not one commit per message). */
export function recordMailOutcomes(db: Db, rows: OutboxRow[], results: SendResult[], now: number, o: RetryOptions): void {
  if (rows.length) tx(db, () => rows.forEach((row, i) => recordMailOutcome(db, row, results[i], now, o)));
}

function attemptsOf(db: Db, subscriberId: number): number {
  return db.select({ n: subscribers.hardFailures }).from(subscribers).where(eq(subscribers.id, subscriberId)).get()?.n ?? 0;
}
