// Cold start (issue 15): the built server must not resolve drizzle-orm's hundreds of modules at start-up, and
// later starts reuse V8's compile cache.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN, seedDatabase, startServer, tempDbPath, testTempRoot } from '../testing/server-harness';

const SERVER_DIR = path.dirname(MAIN);
// Statements only: drizzle's own doc comments quote `import … from 'drizzle-orm/…'` inside the bundle.
const BARE_DRIZZLE = /^\s*(?:import|export)\b[^;\n]*\bfrom\s*["']drizzle-orm[/"']|\bimport\(\s*["']drizzle-orm[/"']/m;
const builtFiles = () => ['server.mjs', 'entry.mjs', ...fs.readdirSync(path.join(SERVER_DIR, 'chunks')).map((f) => `chunks/${f}`)].filter((f) => f.endsWith('.mjs'));

describe('start-up of the built server', () => {
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('has drizzle-orm bundled: no built module imports it from node_modules', () => {
    const offenders = builtFiles().filter((f) => BARE_DRIZZLE.test(fs.readFileSync(path.join(SERVER_DIR, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('fills the compile cache on the first start and answers from the second', async () => {
    const dbPath = tempDbPath();
    cleanup.push(path.dirname(dbPath));
    seedDatabase(dbPath);
    const cacheDir = fs.mkdtempSync(path.join(testTempRoot(), 'statuspage-compile-cache-'));
    cleanup.push(cacheDir);
    const env = { NODE_COMPILE_CACHE: cacheDir };
    for (let run = 0; run < 2; run++) {
      const server = await startServer({ dbPath, env });
      try {
        expect((await fetch(server.baseURL + '/')).status).toBe(200);
      } finally {
        await server.stop();
      }
      expect(fs.readdirSync(cacheDir, { recursive: true }).length).toBeGreaterThan(0);
    }
  });
});
