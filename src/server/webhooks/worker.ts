/** The background webhook worker: wakes on every change and on a timer; never runs inside an operator's request. */
import { MS_PER_HOUR } from '../../domain/constants';
import { onChange } from '../changes';
import { getConfig } from '../config';
import type { Db } from '../db';
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
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    do {
      again = false;
      try {
        fanOutChanges(db, now());
        const batch = opts.batch ?? DEFAULT_BATCH;
        while (!stopped && (await deliverDue(db, now, opts)) >= batch) {
          // a full batch: more may be due
        }
      } catch (err) {
        log.error('webhook worker failed', { error: String((err as Error)?.stack ?? err) });
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => (running = null));
  };
  // setImmediate: the change is announced inside the write; send only after the operator's response is on its way
  const unsubscribe = onChange(() => setImmediate(kick));
  const timer = setInterval(kick, opts.intervalMs);
  timer.unref();
  kick();
  return async () => {
    stopped = true;
    unsubscribe();
    clearInterval(timer);
    await running;
  };
}
