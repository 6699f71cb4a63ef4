import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log';
import { startMirrorSync } from './mirror-sync';

/** An exportOnce whose runs finish only when the test says so. */
function controlledExport() {
  const runs: { finish: () => void }[] = [];
  let changeId = 0;
  const exportOnce = () =>
    new Promise<{ files: number; written: number; removed: number; ms: number; changeId: number }>((resolve) => {
      const id = ++changeId;
      runs.push({ finish: () => resolve({ files: 1, written: 1, removed: 0, ms: 0, changeId: id }) });
    });
  return { runs, exportOnce };
}

describe('mirror sync', () => {
  it('starts an export at once on the first change (leading edge), not after the interval', async () => {
    const c = controlledExport();
    const sync = startMirrorSync({ dir: '/nonexistent', exportOnce: c.exportOnce, command: null, log: createLogger('error'), minIntervalMs: 60_000 });
    try {
      sync.trigger();
      await vi.waitFor(() => expect(c.runs).toHaveLength(1), { timeout: 1000 });
      c.runs[0].finish();
      await sync.idle();
    } finally {
      sync.stop();
    }
  });

  it('exports again after a change that arrives during an export (no lost change), once for several', async () => {
    const c = controlledExport();
    const sync = startMirrorSync({ dir: '/nonexistent', exportOnce: c.exportOnce, command: null, log: createLogger('error'), minIntervalMs: 20 });
    try {
      sync.trigger();
      await vi.waitFor(() => expect(c.runs).toHaveLength(1));
      sync.trigger();
      sync.trigger();
      c.runs[0].finish();
      await vi.waitFor(() => expect(c.runs).toHaveLength(2));
      c.runs[1].finish();
      await sync.idle();
      expect(c.runs).toHaveLength(2);
    } finally {
      sync.stop();
    }
  });
});
