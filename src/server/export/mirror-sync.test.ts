import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDbPath } from '../../testing/server-harness';
import { createLogger } from '../log';
import { mirrorProblem, mirrorState } from './mirror-state';
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

  it('does not run the command after a failed export, reports it, and retries the export until it succeeds', async () => {
    const tmp = path.dirname(tempDbPath());
    const runs = path.join(tmp, 'runs');
    let attempts = 0;
    const exportOnce = async () => {
      attempts++;
      if (attempts <= 2) throw new Error('2 pages failed to render (/, /api/v2/summary.json); the mirror keeps their previous files');
      return { files: 1, written: 1, removed: 0, ms: 0, changeId: 5 };
    };
    const sync = startMirrorSync({ dir: tmp, exportOnce, command: `echo ran >> "${runs}"`, log: createLogger('silent'), minIntervalMs: 0, retryBaseMs: 20 });
    try {
      sync.trigger();
      await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(1));
      await sync.idle();
      expect(mirrorProblem()).toMatch(/^The static mirror in .* is not current: 2 pages failed to render \(\/, \/api\/v2\/summary\.json\)/);
      expect(fs.existsSync(runs)).toBe(false);
      // No new change: the retry alone brings the mirror back, and only then does the command run.
      await vi.waitFor(() => expect(mirrorState()?.lastChangeId).toBe(5), { timeout: 5000 });
      await sync.idle();
      expect(attempts).toBe(3);
      expect(mirrorProblem()).toBeNull();
      expect(fs.readFileSync(runs, 'utf8')).toBe('ran\n');
    } finally {
      sync.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('drops a pending command retry when the next export fails: the folder is not published until an export succeeds', async () => {
    const tmp = path.dirname(tempDbPath());
    const runs = path.join(tmp, 'runs');
    const count = () => (fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').split('\n').filter(Boolean).length : 0);
    let attempts = 0;
    let failing = false;
    const exportOnce = async () => {
      attempts++;
      if (failing) throw new Error('1 page failed to render (/); the mirror keeps their previous files');
      return { files: 1, written: 1, removed: 0, ms: 0, changeId: attempts };
    };
    // The command always fails, so it always has a retry pending.
    const sync = startMirrorSync({ dir: tmp, exportOnce, command: `echo ran >> "${runs}"; exit 1`, log: createLogger('silent'), minIntervalMs: 0, retryBaseMs: 30 });
    try {
      sync.trigger();
      await vi.waitFor(() => expect(count()).toBeGreaterThanOrEqual(1));
      failing = true;
      sync.trigger();
      await vi.waitFor(() => expect(mirrorState()?.exportError).toBeTruthy());
      const ranBefore = count();
      const attemptsBefore = attempts;
      await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(attemptsBefore + 2), { timeout: 5000 });
      expect(count()).toBe(ranBefore);
    } finally {
      sync.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
