/** Per-account sign-in throttling: a growing delay after repeated failures, never a lockout. */
// Decision: docs/decisions/024-sign-in-limits-and-password-hashing.md
import { backoffDelay } from './backoff';

/** Failures an account may have before any delay applies. */
const ACCOUNT_FREE_FAILURES = 5;
/** The first delay; it doubles with every further failure. */
const ACCOUNT_BASE_DELAY_MS = 1000;
export const ACCOUNT_MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const ACCOUNT_MEMORY_MS = 24 * 60 * 60_000;

/** How long the account must wait after its latest failure, given how many failures it has. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return backoffDelay(failures - ACCOUNT_FREE_FAILURES + 1, { baseMs: ACCOUNT_BASE_DELAY_MS, maxDelayMs: ACCOUNT_MAX_DELAY_MS });
}

/** Milliseconds until the account may try again (0 = now). */
export function accountWaitMs(failures: number, lastFailureAt: number | null, now: number): number {
  if (lastFailureAt === null) return 0;
  return Math.max(0, lastFailureAt + accountDelayMs(failures) - now);
}

/** "3 s", "2 min": the wait as a person reads it, rounded up. */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 120) return `${s} s`;
  return `${Math.ceil(s / 60)} min`;
}
