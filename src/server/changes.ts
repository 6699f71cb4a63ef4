/** The process's view of the change counter: bumped at once by local writes, polled for other processes' writes. */
// Decision: docs/decisions/016-cache-invalidation-by-change-log.md
import { EventEmitter } from 'node:events';

interface ChangeState {
  version: number;
  emitter: EventEmitter;
  poller: NodeJS.Timeout | null;
  readMaxId: (() => number) | null;
}

const KEY = Symbol.for('statuspage.changes');
type G = typeof globalThis & { [KEY]?: ChangeState };

function state(): ChangeState {
  const g = globalThis as G;
  if (!g[KEY]) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    g[KEY] = { version: 0, emitter, poller: null, readMaxId: null };
  }
  return g[KEY];
}

/** The highest change id this process knows of. */
export function currentVersion(): number {
  return state().version;
}

/** Reads the database's change counter and tells listeners when it moved; false when the read failed. */
function pollOnce(s: ChangeState): boolean {
  if (!s.readMaxId) return true;
  try {
    const id = s.readMaxId();
    if (id > s.version) {
      s.version = id;
      s.emitter.emit('change', id);
    }
    return true;
  } catch {
    return false; // the database may be briefly locked by a checkpoint; the poller retries
  }
}

/**
 * Called by recordChange inside a write; listeners hear of it on the next microtask, after the commit.
 * With a poller running, the counter is re-read then: a rolled-back transaction's id (SQLite reuses it)
 * must not move the version, or the next process to commit that id would go unnoticed.
 */
export function noteLocalChange(id: number): void {
  const s = state();
  if (s.readMaxId) {
    queueMicrotask(() => pollOnce(s));
    return;
  }
  if (id > s.version) {
    s.version = id;
    queueMicrotask(() => s.emitter.emit('change', id));
  }
}

/** Subscribes to "the counter moved" signals; returns an unsubscribe function. */
export function onChange(fn: (version: number) => void): () => void {
  const s = state();
  s.emitter.on('change', fn);
  return () => s.emitter.off('change', fn);
}

/** Polls the database for changes written by other processes (monitor process, CLI, second instance). */
export function startChangePoller(readMaxId: () => number, everyMs = 50): void {
  const s = state();
  if (s.poller) return;
  s.readMaxId = readMaxId;
  s.version = Math.max(s.version, readMaxId());
  s.poller = setInterval(() => pollOnce(s), everyMs);
  s.poller.unref();
}

export function stopChangePoller(): void {
  const s = state();
  if (s.poller) clearInterval(s.poller);
  s.poller = null;
  s.readMaxId = null;
}

/**
 * The committed change counter, read from the database at most once a millisecond (a read per request would
 * cost a tenth of the hit path at nginx speeds), never behind what this process already knows.
 */
export function committedVersion(readMaxId: () => number, now: () => number = Date.now): () => number {
  let readAt = -1;
  let value = 0;
  return () => {
    const t = now();
    if (t !== readAt) {
      readAt = t;
      value = readMaxId();
    }
    return Math.max(value, currentVersion());
  };
}
