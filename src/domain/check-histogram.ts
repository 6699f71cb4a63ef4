/** Monitor check latency as a Prometheus histogram kept for good: counts per bucket that only rise as checks run. */

/** Upper bounds (seconds) of the latency buckets; the last, +Inf, is implied. */
export const CHECK_LATENCY_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Running totals of one monitor's checks: by result, and the latency histogram (per-bucket counts, not cumulative). */
export interface CheckTotals {
  up: number;
  degraded: number;
  down: number;
  /** One count per bound of CHECK_LATENCY_BUCKETS_S, then one for +Inf. */
  buckets: number[];
  latencySumS: number;
  latencyCount: number;
}

export type CheckResult = 'up' | 'degraded' | 'down';

export const EMPTY_CHECK_TOTALS: CheckTotals = { up: 0, degraded: 0, down: 0, buckets: CHECK_LATENCY_BUCKETS_S.map(() => 0).concat(0), latencySumS: 0, latencyCount: 0 };

/** The index of the bucket a latency falls in: the first bound it does not exceed, else +Inf. */
export function bucketIndex(latencyS: number): number {
  const i = CHECK_LATENCY_BUCKETS_S.findIndex((le) => latencyS <= le);
  return i === -1 ? CHECK_LATENCY_BUCKETS_S.length : i;
}

/** The totals after one more check; a check without a latency (refused connection, timeout) counts but is not observed. */
export function addCheck(t: CheckTotals, result: CheckResult, latencyMs: number | null): CheckTotals {
  const next = { ...t, [result]: t[result] + 1, buckets: [...t.buckets] };
  if (latencyMs !== null && Number.isFinite(latencyMs) && latencyMs >= 0) {
    next.buckets[bucketIndex(latencyMs / 1000)] += 1;
    next.latencySumS = t.latencySumS + latencyMs / 1000;
    next.latencyCount = t.latencyCount + 1;
  }
  return next;
}

/** Prometheus's cumulative `le` series: each bound with the checks at or below it, ending with +Inf = the count. */
export function cumulativeBuckets(t: CheckTotals): { le: string; count: number }[] {
  let sum = 0;
  return t.buckets.map((n, i) => {
    sum += n;
    return { le: i < CHECK_LATENCY_BUCKETS_S.length ? String(CHECK_LATENCY_BUCKETS_S[i]) : '+Inf', count: sum };
  });
}

/** Totals read back from storage; anything malformed starts from zero rather than failing a scrape. */
export function parseBuckets(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json);
    if (Array.isArray(v) && v.length === CHECK_LATENCY_BUCKETS_S.length + 1 && v.every((n) => Number.isInteger(n) && n >= 0)) return v as number[];
  } catch {
    // fall through
  }
  return [...EMPTY_CHECK_TOTALS.buckets];
}
