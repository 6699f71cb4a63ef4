/** Asks V8 for a full garbage collection, off the current call: for the rare moment a large share of the heap just died. */
// Decision: docs/decisions/031-live-streams-own-their-sockets.md
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options: { type: 'major'; execution: 'async' }) => unknown;
let gc: Gc | null = null;

/** Starts a major collection as a V8 task (the function is exposed to a throwaway context only, not to globalThis). */
export function requestCollection(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as Gc;
  }
  gc({ type: 'major', execution: 'async' });
}
