/** The mail worker: fans changes out to the outbox, then sends what is due at the configured rate, never inside a request. */
import { laneBudgets, MAIL_LANES, type MailLane } from '../../domain/mail-lanes';
import { getConfig } from '../config';
import type { Db } from '../db';
import { startQueueWorker } from '../jobs/queue-worker';
import type { Logger } from '../log';
import { fanOutMailChunk, prepareMailShell } from '../services/mail-fan-out';
import { claimMail, recordMailOutcomes, type OutboxRow, type RetryOptions } from '../services/mail-outbox';
import { smtpSender, type SendFn } from './transport';

export interface MailWorkerOptions extends RetryOptions {
  send: SendFn;
  ratePerMinute: number;
  /** Percent of the rate sign-up mail may use (default 50). */
  signupPercent?: number;
  timeoutMs: number;
  intervalMs?: number;
  now?: () => number;
}

/** Options from the configuration, or null when SMTP_URL is not set. */
export function configuredMailOptions(): MailWorkerOptions | null {
  const c = getConfig();
  if (!c.smtpUrl || !c.mailFrom) return null;
  return { send: smtpSender(c.smtpUrl, c.mailFrom, c.mailTimeoutMs), ratePerMinute: c.mailRatePerMinute, signupPercent: c.mailSignupPercent, timeoutMs: c.mailTimeoutMs, baseMs: c.mailRetryBaseSeconds * 1000, maxHardFailures: c.mailMaxHardFailures };
}

/** Messages claimed per round; the transport's pool spreads them over its few connections. */
const ROUND = 50;

/** A sliding minute of send times per lane: the rate holds per process. */
function sendLog() {
  const sent: Record<MailLane, number[]> = { notification: [], signup: [] };
  return {
    counts(t: number): Record<MailLane, number> {
      for (const times of Object.values(sent)) while (times.length && times[0] <= t - 60_000) times.shift();
      return { notification: sent.notification.length, signup: sent.signup.length };
    },
    record: (rows: OutboxRow[], t: number) => rows.forEach((r) => sent[r.lane].push(t)),
  };
}

/** Starts the worker; the returned function stops it once the current pass has finished. */
export function startMailWorker(db: Db, log: Pick<Logger, 'error'>, o: MailWorkerOptions): () => Promise<void> {
  const now = o.now ?? Date.now;
  const rate = { perMinute: o.ratePerMinute, signupPercent: o.signupPercent ?? 50, concurrency: ROUND };
  const sent = sendLog();
  const claim = (t: number): OutboxRow[] => {
    const rows: OutboxRow[] = [];
    // notifications first: sign-up mail gets what is left of this round, within its share of the minute
    for (const lane of MAIL_LANES) {
      const budget = Math.min(laneBudgets(sent.counts(t), rate)[lane], ROUND - rows.length);
      const claimed = claimMail(db, t, budget, o.timeoutMs * 2 + 1_000, lane);
      sent.record(claimed, t);
      rows.push(...claimed);
    }
    return rows;
  };
  const pass = async (stopped: () => boolean) => {
    for (;;) {
      // one chunk of fan-out each round: a change made while sign-ups are being sent is claimed in the next round
      const fanned = fanOutMailChunk(db, now());
      // the first mail of a brand compiles its shell (off the main thread); the chunk is then fanned out again
      if (fanned.needsShell) await prepareMailShell(db);
      const rows = claim(now());
      if ((rows.length === 0 && !fanned.more) || stopped()) break;
      // the event loop serves requests between chunks, whether or not there is mail to send yet
      if (rows.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const results = await Promise.all(rows.map((row) => o.send(row)));
      recordMailOutcomes(db, rows, results, now(), o);
    }
  };
  // compiled in a worker thread meanwhile, so the first incident's mail does not wait for MJML to load
  prepareMailShell(db).catch((err: unknown) => log.error('compiling the e-mail shell failed', { error: String(err) }));
  const stop = startQueueWorker({ name: 'mail', pass, intervalMs: o.intervalMs ?? 1000, log });
  return async () => {
    await stop();
    o.send.close?.();
  };
}
