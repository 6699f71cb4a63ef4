/** The mail worker: fans changes out to the outbox, then sends what is due at the configured rate, never inside a request. */
import { getConfig } from '../config';
import type { Db } from '../db';
import { startQueueWorker } from '../jobs/queue-worker';
import type { Logger } from '../log';
import { fanOutMail } from '../services/mail-fan-out';
import { claimMail, recordMailOutcome, type RetryOptions } from '../services/mail-outbox';
import { smtpSender, type SendFn } from './transport';

export interface MailWorkerOptions extends RetryOptions {
  send: SendFn;
  ratePerMinute: number;
  timeoutMs: number;
  intervalMs?: number;
  now?: () => number;
}

/** Options from the configuration, or null when SMTP_URL is not set. */
export function configuredMailOptions(): MailWorkerOptions | null {
  const c = getConfig();
  if (!c.smtpUrl || !c.mailFrom) return null;
  return { send: smtpSender(c.smtpUrl, c.mailFrom, c.mailTimeoutMs), ratePerMinute: c.mailRatePerMinute, timeoutMs: c.mailTimeoutMs, baseMs: c.mailRetryBaseSeconds * 1000, maxHardFailures: c.mailMaxHardFailures };
}

const CONCURRENCY = 5;

/** Starts the worker; the returned function stops it once the current pass has finished. */
export function startMailWorker(db: Db, log: Pick<Logger, 'error'>, o: MailWorkerOptions): () => Promise<void> {
  const now = o.now ?? Date.now;
  // a sliding minute of send times: the rate holds per process
  const sent: number[] = [];
  const budget = (t: number) => {
    while (sent.length && sent[0] <= t - 60_000) sent.shift();
    return Math.min(CONCURRENCY, o.ratePerMinute - sent.length);
  };
  const pass = async (stopped: () => boolean) => {
    fanOutMail(db, now());
    for (;;) {
      const t = now();
      const rows = claimMail(db, t, budget(t), o.timeoutMs * 2 + 1_000);
      if (rows.length === 0 || stopped()) break;
      for (let i = 0; i < rows.length; i++) sent.push(t);
      await Promise.all(rows.map(async (row) => recordMailOutcome(db, row, await o.send(row), now(), o)));
    }
  };
  return startQueueWorker({ name: 'mail', pass, intervalMs: o.intervalMs ?? 1000, log });
}
