/**
 * Vitest global setup: every temp file of the run lives under one folder removed at the end, the run fails if
 * it left `statuspage-*` entries in the temp directory, and the server project refuses a dist/ older than the sources.
 * Each project runs this in the one main process, so the folder is shared and removed by the last project to end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMP_ENV = 'STATUSPAGE_TEST_TMPDIR';

const ours = (): string[] => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('statuspage-'));

/** Newest modification time of the server's sources (tests and the harness excluded: they are not built). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== path.join(ROOT, 'src/testing') && e.name !== 'node_modules') newest = Math.max(newest, newestSource(p));
    } else if (!/\.test\.ts$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function assertFreshBuild(): void {
  const main = path.join(ROOT, 'dist/server/main.mjs');
  if (!fs.existsSync(main)) return; // integration tests say "run npm run build" themselves
  const built = fs.statSync(main).mtimeMs;
  const src = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'db')));
  if (src > built) throw new Error('dist/ is older than src/: run "npm run build" (or "npm test", which builds) before the server tests (npm run test:server).');
}

interface SharedRun {
  users: number;
  teardown: () => void;
}
// Lives on globalThis: each project loads this file in its own module runner, but all share the process.
const shared = globalThis as { statuspageTestRun?: SharedRun };

export default function setup(project?: { name: string }): () => void {
  // Only tests that start the built server need dist/: unit and db tests run without a build.
  if (project?.name === 'server' && process.env.SKIP_BUILD_CHECK !== '1') assertFreshBuild();
  const run = (shared.statuspageTestRun ??= { users: 0, teardown: openRunFolder() });
  run.users += 1;
  return () => {
    run.users -= 1;
    if (run.users > 0) return;
    shared.statuspageTestRun = undefined;
    run.teardown();
  };
}

/** Creates the run's temp folder, points TMPDIR at it, and returns what removes it and checks for leftovers. */
function openRunFolder(): () => void {
  const system = os.tmpdir();
  const before = new Set(ours());
  const dir = fs.mkdtempSync(path.join(system, 'statuspage-run-'));
  process.env[TEMP_ENV] = dir;
  // workers and the servers they spawn inherit this: whatever uses os.tmpdir() lands in the run's folder
  process.env.TMPDIR = dir;
  return () => {
    process.env.TMPDIR = system;
    fs.rmSync(dir, { recursive: true, force: true });
    // On a shared machine other runs create statuspage-* too, so the count is enforced in CI (or STRICT_TMP=1).
    if (!process.env.CI && process.env.STRICT_TMP !== '1') return;
    const left = ours().filter((n) => !before.has(n));
    if (left.length > 0) throw new Error(`the tests left ${left.length} entries in ${system}: ${left.slice(0, 5).join(', ')}`);
  };
}
