/** The shared outbox loop: kicked by changes, passes never overlap, kicks during a pass coalesce, stop waits for the pass. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentVersion, noteLocalChange } from '../changes';
import { startQueueWorker } from './queue-worker';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}
let nextId = currentVersion() + 1_000;
const change = () => noteLocalChange(nextId++);

describe('startQueueWorker', () => {
  it('runs a pass at start and one per change, never two at once, and coalesces kicks during a pass into one', async () => {
    let passes = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let hold = gate();
    const stop = startQueueWorker({
      name: 'test',
      intervalMs: 60_000,
      log: { error: () => {} },
      pass: async () => {
        passes++;
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await hold.p;
        inFlight--;
      },
    });
    stops.push(stop);
    expect(passes).toBe(1);
    change();
    change();
    change();
    await Promise.resolve(); // the change signals are emitted on a microtask, the kicks on the next immediate
    await new Promise((r) => setImmediate(r));
    expect(passes).toBe(1);
    const first = hold;
    hold = gate();
    first.open();
    await vi.waitFor(() => expect(passes).toBe(2));
    hold.open();
    await vi.waitFor(() => expect(inFlight).toBe(0));
    expect(passes).toBe(2);
    expect(maxInFlight).toBe(1);
  });

  it('logs a failing pass under its name and keeps going', async () => {
    const errors: string[] = [];
    let passes = 0;
    const stop = startQueueWorker({
      name: 'test',
      intervalMs: 60_000,
      log: { error: (msg: string) => errors.push(msg) },
      pass: async () => {
        passes++;
        if (passes === 1) throw new Error('boom');
      },
    });
    stops.push(stop);
    await vi.waitFor(() => expect(errors).toEqual(['test worker failed']));
    change();
    await vi.waitFor(() => expect(passes).toBe(2));
    expect(errors).toHaveLength(1);
  });

  it('wakes on its timer without any change', async () => {
    let passes = 0;
    stops.push(startQueueWorker({ name: 'test', intervalMs: 10, log: { error: () => {} }, pass: async () => void passes++ }));
    await vi.waitFor(() => expect(passes).toBeGreaterThanOrEqual(3));
  });

  it('stop waits for the pass under way, tells it to stop, and no pass starts after', async () => {
    let passes = 0;
    let sawStop = false;
    const hold = gate();
    const stop = startQueueWorker({
      name: 'test',
      intervalMs: 5,
      log: { error: () => {} },
      pass: async (stopped) => {
        passes++;
        await hold.p;
        sawStop = stopped();
      },
    });
    let stoppedDone = false;
    const stopping = stop().then(() => (stoppedDone = true));
    change();
    await Promise.resolve();
    expect(stoppedDone).toBe(false);
    hold.open();
    await stopping;
    expect(sawStop).toBe(true);
    const after = passes;
    change();
    await new Promise((r) => setImmediate(r));
    expect(passes).toBe(after);
    expect(passes).toBe(1);
  });
});
