/** The one retry backoff of the outboxes (webhooks, mail): exponential, capped. */

export interface Backoff {
  /** Delay before the first retry; doubles each time. */
  baseMs: number;
  maxDelayMs: number;
}

/** base · 2^(attempt−1), capped at maxDelayMs. `attempt` counts failures so far (≥ 1; less counts as 1). */
export function backoffDelay(attempt: number, policy: Backoff): number {
  const doublings = Math.max(0, Math.min(Math.floor(attempt) - 1, 30));
  return Math.min(policy.maxDelayMs, policy.baseMs * 2 ** doublings);
}
