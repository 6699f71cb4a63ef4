/**
 * The loop shared by the outbox workers (mail, webhooks): a pass on start, on every local change and on a timer;
 * passes never overlap (a kick during one asks for one more); stop waits for the pass under way.
 * Exactly-once across processes is not decided here but by each queue's claim: one statement (or one immediate
 * transaction) pushes the due rows' next_attempt_at past the send timeout, so another process does not see them as due.
 */
import { onChange } from '../changes';
import type { Logger } from '../log';

export interface QueueWorkerOptions {
  /** Names the worker in the error log ("mail" → "mail worker failed"). */
  name: string;
  /** One pass over the queue; it should return early once `stopped()` is true. */
  pass: (stopped: () => boolean) => Promise<void>;
  /** Timer for retries and for changes written by other processes. */
  intervalMs: number;
  log: Pick<Logger, 'error'>;
}

/** Starts the loop; the returned function stops it once the current pass has finished. */
export function startQueueWorker(o: QueueWorkerOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const isStopped = () => stopped;
  const loop = async () => {
    do {
      again = false;
      try {
        await o.pass(isStopped);
      } catch (err) {
        o.log.error(`${o.name} worker failed`, { error: String((err as Error)?.stack ?? err) });
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => (running = null));
  };
  // setImmediate: the change is announced inside the write; work only once the writer's response is on its way
  const unsubscribe = onChange(() => setImmediate(kick));
  const timer = setInterval(kick, o.intervalMs);
  timer.unref();
  kick();
  return async () => {
    stopped = true;
    unsubscribe();
    clearInterval(timer);
    await running;
  };
}
