/** A token bucket: a burst of `capacity`, refilled at `perSecond`; a request takes as many tokens as it costs. */

export interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketRule {
  capacity: number;
  perSecond: number;
}

export interface Take {
  bucket: Bucket;
  ok: boolean;
  /** How long until the cost would fit (0 when ok). */
  retryAfterMs: number;
}

/** Takes `cost` tokens from the bucket, refilled up to `now`; a refused take leaves the tokens where they were. */
export function takeTokens(b: Bucket | undefined, cost: number, now: number, rule: BucketRule): Take {
  const elapsed = b ? Math.max(0, now - b.at) : 0;
  const tokens = b ? Math.min(rule.capacity, b.tokens + (elapsed * rule.perSecond) / 1000) : rule.capacity;
  if (cost <= tokens) return { bucket: { tokens: tokens - cost, at: now }, ok: true, retryAfterMs: 0 };
  const retryAfterMs = cost > rule.capacity ? Infinity : Math.ceil(((cost - tokens) * 1000) / rule.perSecond);
  return { bucket: { tokens, at: now }, ok: false, retryAfterMs };
}
