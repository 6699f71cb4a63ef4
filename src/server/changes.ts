/** The process's view of the change counter: bumped at once by local writes, polled for other processes' writes. */
import { EventEmitter } from 'node:events';

interface ChangeState {
  version: number;
  emitter: EventEmitter;
  poller: NodeJS.Timeout | null;
}

const KEY = Symbol.for('statuspage.changes');
type G = typeof globalThis & { [KEY]?: ChangeState };

function state(): ChangeState {
  const g = globalThis as G;
  if (!g[KEY]) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    g[KEY] = { version: 0, emitter, poller: null };
  }
  return g[KEY];
}

/** The highest change id this process knows of. */
export function currentVersion(): number {
  return state().version;
}

/** Called by recordChange inside a write; listeners hear of it on the next tick, after the commit. */
export function noteLocalChange(id: number): void {
  const s = state();
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
  s.version = Math.max(s.version, readMaxId());
  s.poller = setInterval(() => {
    try {
      const id = readMaxId();
      if (id > s.version) {
        s.version = id;
        s.emitter.emit('change', id);
      }
    } catch {
      // the database may be briefly locked by a checkpoint; the next tick retries
    }
  }, everyMs);
  s.poller.unref();
}

export function stopChangePoller(): void {
  const s = state();
  if (s.poller) clearInterval(s.poller);
  s.poller = null;
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
