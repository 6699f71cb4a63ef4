/** The background webhook worker: wakes on every change and on a timer; never runs inside an operator's request. */
import { MS_PER_HOUR } from '../../domain/constants';
import { getConfig } from '../config';
import type { Db } from '../db';
import { startQueueWorker } from '../jobs/queue-worker';
import type { Logger } from '../log';
import { DEFAULT_BATCH, deliverDue, type DeliveryOptions } from './deliver';
import { fanOutChanges } from './fan-out';

export interface WorkerOptions extends DeliveryOptions {
  /** Timer for retries and other processes' changes. */
  intervalMs: number;
  now?: () => number;
}

export function defaultWorkerOptions(): WorkerOptions {
  const c = getConfig();
  return { intervalMs: 1000, timeoutMs: c.webhookTimeoutMs, baseMs: c.webhookRetryBaseSeconds * 1000, maxDelayMs: MS_PER_HOUR, disableAfterMs: c.webhookDisableAfterHours * MS_PER_HOUR };
}

/** Starts the worker; returns a stop function that resolves once the current pass has finished. */
export function startWebhookWorker(db: Db, log: Pick<Logger, 'error'>, opts: WorkerOptions = defaultWorkerOptions()): () => Promise<void> {
  const now = opts.now ?? Date.now;
  const batch = opts.batch ?? DEFAULT_BATCH;
  const pass = async (stopped: () => boolean) => {
    fanOutChanges(db, now());
    while (!stopped() && (await deliverDue(db, now, opts)) >= batch) {
      // a full batch: more may be due
    }
  };
  return startQueueWorker({ name: 'webhook', pass, intervalMs: opts.intervalMs, log });
}
