/** Whether the database currently accepts writes, as the last write attempts saw it (read by /healthz). */
// Decision: docs/decisions/025-write-failures-and-double-submits.md
import { storageFailure } from './errors';

const KEY = Symbol.for('statuspage.storage-health');

interface StorageState {
  failingSince: number | null;
  reason: string | null;
}

// On globalThis: the front server and Astro's bundle are separate modules sharing one process.
function state(): StorageState {
  const g = globalThis as typeof globalThis & { [KEY]?: StorageState };
  return (g[KEY] ??= { failingSince: null, reason: null });
}

export function recordWriteFailure(reason: string, now = Date.now()): void {
  const s = state();
  s.failingSince ??= now;
  s.reason = reason;
}

export function recordWriteSuccess(): void {
  const s = state();
  s.failingSince = null;
  s.reason = null;
}

/** Null while writes succeed; else since when and why they fail. */
export function storageProblem(): { since: number; reason: string } | null {
  const s = state();
  return s.failingSince === null ? null : { since: s.failingSince, reason: s.reason ?? 'unknown' };
}

/** Runs a bookkeeping write (a session's expiry, a key's last use) that must not fail the request when storage does. */
export function bestEffort(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    const failure = storageFailure(err);
    if (!failure) throw err;
    recordWriteFailure(failure.reason);
  }
}
