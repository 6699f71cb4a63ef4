/** The background webhook worker: wakes on every change and on a timer; never runs inside an operator's request. */
// Decision: docs/decisions/021-webhook-delivery.md
import { MS_PER_HOUR } from '../../domain/constants';
import { getConfig } from '../config';
import type { Db } from '../db';
import { startQueueWorker } from '../jobs/queue-worker';
import type { Logger } from '../log';
import type { DeliveryOptions } from './deliver';
import { runPool } from './pool';

export interface WorkerOptions extends DeliveryOptions {
  /** Timer for retries and other processes' changes. */
  intervalMs: number;
  /** Deliveries in flight at once (default 100). */
  concurrency?: number;
  /** Deliveries in flight at once to one receiver: scheme, host and port (default 4). */
  perHostConcurrency?: number;
  now?: () => number;
}

function defaultWorkerOptions(): WorkerOptions {
  const c = getConfig();
  return {
    intervalMs: 1000,
    timeoutMs: c.webhookTimeoutMs,
    baseMs: c.webhookRetryBaseSeconds * 1000,
    maxDelayMs: MS_PER_HOUR,
    disableAfterMs: c.webhookDisableAfterHours * MS_PER_HOUR,
    concurrency: c.webhookConcurrency,
    perHostConcurrency: c.webhookPerHostConcurrency,
  };
}

/** Starts the worker; returns a stop function that resolves once the deliveries in flight have finished. */
export function startWebhookWorker(db: Db, log: Pick<Logger, 'error'>, opts: WorkerOptions = defaultWorkerOptions()): () => Promise<void> {
  const now = opts.now ?? Date.now;
  const pool = { ...opts, concurrency: opts.concurrency ?? 100, perHostConcurrency: opts.perHostConcurrency ?? 4 };
  const pass = (stopped: () => boolean) => runPool(db, now, pool, stopped, log);
  return startQueueWorker({ name: 'webhook', pass, intervalMs: opts.intervalMs, log });
}
