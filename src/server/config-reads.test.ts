/** Configuration is read once: outside config.ts no application code reads process.env, except the few named here. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { testTempRoot } from '../testing/server-harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['src/server', 'src/cli', 'src/pages', 'src/middleware.ts'];

// Each exception with its reason; a new read belongs in env-schema.ts instead.
const ALLOWED = new Set([
  'src/server/config.ts: process.env', // parseConfig's default argument: the one place the environment is read
  'src/server/launch.ts: process.env.NODE_COMPILE_CACHE', // Node's own variable, read before the server (and config) loads
  'src/server/export/mirror-sync.ts: process.env', // passes the COMMAND_ENV names on to the operator's commands
  'src/server/main.ts: process.env.ASTRO_NODE_AUTOSTART', // a write telling Astro's adapter not to listen
  'src/cli/export.ts: process.env.ASTRO_NODE_AUTOSTART', // the same write
  'src/cli/admin.ts: process.env.USER', // the shell user named in the audit log, not a setting
]);

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs.readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

function envReads(): string[] {
  const files = SCANNED.flatMap(sourceFiles).filter((f) => /\.(ts|mjs|astro)$/.test(f) && !/\.test\.ts$/.test(f));
  return files.flatMap((f) => [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/process\.env(?:\.\w+|\[[^\]]*\])?|import\.meta\.env(?:\.\w+)?/g)].map((m) => `${f}: ${m[0]}`));
}

describe('configuration is read once', () => {
  it('no code outside config.ts reads the environment, except the named exceptions', () => {
    expect(envReads().filter((read) => !ALLOWED.has(read))).toEqual([]);
  });

  const tmp = fs.mkdtempSync(path.join(testTempRoot(), 'statuspage-config-reads-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('MIGRATIONS_DIR goes through the schema: a folder without the drizzle journal is refused at start-up', () => {
    expect(() => parseConfig({ DATABASE_PATH: path.join(tmp, 'x.db'), MIGRATIONS_DIR: tmp }, { checkFs: true })).toThrow(/^MIGRATIONS_DIR ".*" holds no meta\/_journal.json/);
    expect(parseConfig({ MIGRATIONS_DIR: path.join(ROOT, 'db', 'migrations') }, { checkFs: false }).migrationsDir).toBe(path.join(ROOT, 'db', 'migrations'));
  });
});
