/**
 * The webhook worker's pool: up to `concurrency` deliveries in flight, each with its own timeout; the next due one
 * is claimed as soon as any finishes, so a hanging receiver holds only its own slots (src/domain/delivery-pool.ts).
 */
// Decision: docs/decisions/029-fair-queues.md
import { pickDeliveries, poolLimits, type InFlight } from '../../domain/delivery-pool';
import { onChange } from '../changes';
import type { Db } from '../db';
import type { Logger } from '../log';
import { claimDue } from './claim';
import { recordOutcomes, sendDelivery, targetPolicies, type DeliveryOptions, type Finished, type Outcome } from './deliver';
import { fanOutChanges } from './fan-out';

export interface PoolOptions extends DeliveryOptions {
  concurrency: number;
  perHostConcurrency: number;
  /** Longest wait for a change or a finished delivery before looking for due retries again. */
  intervalMs: number;
}

type Slot = { origin: string; suspect: boolean };

function countOf(slots: Map<number, Slot>): InFlight {
  const byOrigin = new Map<string, number>();
  let suspect = 0;
  for (const s of slots.values()) {
    byOrigin.set(s.origin, (byOrigin.get(s.origin) ?? 0) + 1);
    if (s.suspect) suspect++;
  }
  return { total: slots.size, suspect, byOrigin };
}

/** A promise that resolves on the next local change, finished delivery (`fire`) or after `ms`; one listener for the pass. */
function wakeSignal(ms: number): { next: () => Promise<void>; fire: () => void; close: () => void } {
  let waiting: { promise: Promise<void>; resolve: () => void } | null = null;
  const fire = () => {
    waiting?.resolve();
    waiting = null;
  };
  const unsubscribe = onChange(fire);
  const timer = setInterval(fire, ms);
  timer.unref();
  return {
    next: () => {
      if (!waiting) {
        let resolve = () => {};
        const promise = new Promise<void>((r) => (resolve = r));
        waiting = { promise, resolve };
      }
      return waiting.promise;
    },
    fire,
    close: () => (unsubscribe(), clearInterval(timer), fire()),
  };
}

/** Runs until nothing is in flight and nothing is due; once `stopped()`, starts nothing new and waits for the rest. */
export async function runPool(db: Db, now: () => number, o: PoolOptions, stopped: () => boolean, log: Pick<Logger, 'error'>): Promise<void> {
  const limits = poolLimits(o.concurrency, o.perHostConcurrency);
  const slots = new Map<number, Slot>();
  const wake = wakeSignal(o.intervalMs);
  // refill once a tenth of the pool is free: each claim reads a window of due rows, too costly per finished delivery
  const refillAt = Math.max(1, Math.floor(limits.slots / 10));
  const finished: Finished[] = [];
  // outcomes are written together once per wake: one commit for many deliveries, not one each
  const flush = () => recordOutcomes(db, finished.splice(0), o);
  const fill = () => {
    const inFlight = countOf(slots);
    if (limits.slots - inFlight.total < (inFlight.total === 0 ? 1 : refillAt)) return;
    const claimed = claimDue(db, now(), o, (due) => pickDeliveries(due, inFlight, limits), Math.max(200, 5 * limits.slots));
    const policies = targetPolicies(db);
    for (const d of claimed) {
      slots.set(d.id, { origin: d.origin, suspect: d.suspect });
      void sendDelivery(d, o, policies)
        .catch((err): Outcome => ({ ok: false, statusCode: null, error: String((err as Error)?.message ?? err) }))
        .then((r) => {
          finished.push({ d, r, at: now() });
          slots.delete(d.id);
          wake.fire();
        });
    }
  };
  try {
    for (;;) {
      try {
        flush();
        // fanned out on every wake: a change made while receivers hang is queued (and sent) at once
        fanOutChanges(db, now());
        if (!stopped()) fill();
      } catch (err) {
        if (slots.size === 0 && finished.length === 0) throw err;
        log.error('webhook worker failed', { error: String((err as Error)?.stack ?? err) });
      }
      if (slots.size === 0 && finished.length === 0) return;
      await wake.next();
      await new Promise((r) => setImmediate(r)); // deliveries finishing in the same turn share one refill
    }
  } finally {
    wake.close();
  }
}
