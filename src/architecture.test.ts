/** The layering is a rule, not a habit: only queries, verbs and services (and a few named stores) touch the database. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|astro|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [relative(ROOT, p)] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
function importsOf(file: string): string[] {
  return [...readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

/** Where SQL may be written: the read queries, the verbs and the services they call, and the database module. */
const DATA_LAYER = [/^src\/server\/(db|statement-cache)\.ts$/, /^src\/server\/queries\//, /^src\/server\/services\//, /^src\/server\/features\//];
/** Stores and jobs with their own tables, each named here on purpose (a new file must not join silently). */
const NAMED_STORES = new Set([
  'src/server/auth/login.ts', // sign-in rate limits
  'src/server/auth/sessions.ts', // the session store
  'src/server/backup.ts', // online backup through the SQLite API
  'src/server/feeds/load.ts', // the feeds' one read
  'src/server/webhooks/claim.ts', // the delivery worker's queue: claim, send, record
  'src/server/webhooks/deliver.ts',
  'src/server/webhooks/fan-out.ts',
  'src/server/webhooks/claim.ts', // the delivery queue's claim, split from deliver.ts
  'src/server/viewer-access/config.ts', // private pages' viewer access: its own tables (issue 24)
  'src/server/viewer-access/email-link.ts',
  'src/server/viewer-access/oidc.ts',
  'src/server/viewer-access/sessions.ts',
  'src/server/viewer-access/tokens.ts',
  'src/testing/rollups.ts',
  'src/testing/db-fingerprint.ts', // tests: every row of every table, to prove a request wrote nothing
]);

const all = files(join(ROOT, 'src'));

/** Only the online backup holds the raw connection outside the data layer: SQLite's backup API works on it. */
const RAW_CLIENT = new Set(['src/server/backup.ts']);
/** What `SELECT MAX(id) FROM change_log` looks like, however it is spelled. */
const CHANGE_ID = /MAX\(\s*(?:"?change_log"?\.)?"?id"?\s*\)[^;'"`]*FROM\s+"?change_log|max\(\s*changeLog\.id\s*\)/i;

/** The source file a relative import names (`./db`, `../queries/changes.ts`), or null for a package. */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = join(dirname(from), spec).replace(/\.js$/, '');
  return [base, `${base}.ts`, `${base}.mjs`, join(base, 'index.ts')].find((f) => all.includes(f)) ?? null;
}

/** Every import cycle among the source files, each as the chain of files that closes it. */
function importCycles(): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, chain: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') return void cycles.push([...chain.slice(chain.indexOf(f)), f].join(' -> '));
    state.set(f, 'open');
    for (const dep of importsOf(f).map((i) => resolveImport(f, i)).filter((d): d is string => d !== null)) visit(dep, [...chain, f]);
    state.set(f, 'done');
  };
  for (const f of all) visit(f, []);
  return cycles;
}
/** An actor spelled as an object literal: it must come from a builder in services/actor.ts instead. */
const HAND_BUILT_ACTOR = /\{\s*(?:\.\.\.\w+,\s*)?type:\s*['"](?:anonymous|user|apikey|system|cli)['"]/;

describe('architecture', () => {
  it('drizzle and better-sqlite3 are imported only by the data layer and the named stores', () => {
    const offenders = all.filter((f) => importsOf(f).some((i) => i === 'better-sqlite3' || i.startsWith('drizzle-orm')) && !DATA_LAYER.some((r) => r.test(f)) && !NAMED_STORES.has(f));
    expect(offenders).toEqual([]);
  });

  it('raw SQL through $client stays in the data layer (drizzle imports are not the only way in)', () => {
    const offenders = all.filter((f) => readFileSync(join(ROOT, f), 'utf8').includes('$client') && !DATA_LAYER.some((r) => r.test(f)) && !RAW_CLIENT.has(f));
    expect(offenders).toEqual([]);
  });

  it('the current change id is read in one place: currentChangeId in src/server/queries/changes.ts', () => {
    expect(all.filter((f) => CHANGE_ID.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual(['src/server/queries/changes.ts']);
  });

  it('db.ts opens and migrates: it imports no queries, services or features', () => {
    expect(importsOf('src/server/db.ts').filter((i) => /\/(queries|services|features)\//.test(i))).toEqual([]);
  });

  it('no import cycles among the source files', () => {
    expect(all.filter((f) => f.endsWith('.ts')).length).toBeGreaterThan(200);
    expect(importCycles()).toEqual([]);
  });

  it('pages, components and layouts never import the database module (they get ctx.db from the middleware)', () => {
    const ui = all.filter((f) => /^src\/(pages|components|layouts)\//.test(f));
    expect(ui.length).toBeGreaterThan(20);
    const offenders = ui.filter((f) => importsOf(f).some((i) => /\/server\/db(\.ts)?$/.test(i) || i.startsWith('drizzle-orm') || i === 'better-sqlite3'));
    expect(offenders).toEqual([]);
  });

  it('pages never import a write from the services: writes go through the verbs in src/server/features', () => {
    const WRITE = /^(create|update|delete|set|save|post|publish|add|remove|revoke|enable|move|complete|start|extend|record)[A-Z]/;
    const NAMED = /import\s*\{([^}]*)\}\s*from\s*['"]([^'"]*\/server\/services\/[^'"]*)['"]/g;
    const offenders = all
      .filter((f) => f.startsWith('src/pages/'))
      .flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(NAMED)].flatMap((m) => m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter((n) => WRITE.test(n)).map((n) => `${f}: ${n}`)));
    expect(offenders).toEqual([]);
  });

  it('the domain stays pure: no astro, drizzle, database or node: imports', () => {
    const domain = all.filter((f) => f.startsWith('src/domain/'));
    const offenders = domain.filter((f) => importsOf(f).some((i) => i.startsWith('astro') || i.startsWith('drizzle-orm') || i === 'better-sqlite3' || i.startsWith('node:') || i.includes('/server/')));
    expect(offenders).toEqual([]);
  });

  it('actors are built only by the builders in services/actor.ts (user, apiKey, system with its job, cli, anonymous)', () => {
    const code = [...all, 'bench/seed.ts'].filter((f) => f !== 'src/server/services/actor.ts');
    const offenders = code.filter((f) => HAND_BUILT_ACTOR.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the CLI commands, the seed, bootstrap and the jobs write only through verbs and services: no driver, schema or transaction of their own', () => {
    // The bench seed writes a year of monitor results in bulk (the volume is the point); its incidents, users and keys go through services.
    const BULK_SEED = 'bench/seed.ts';
    const actors = [...all.filter((f) => /^src\/(cli|server\/jobs|server\/seed)\//.test(f)), 'src/server/bootstrap.ts', BULK_SEED];
    expect(actors.length).toBeGreaterThan(8);
    const DATA = (i: string) => i === 'better-sqlite3' || i.startsWith('drizzle-orm') || /\/db\/schema(\.ts)?$/.test(i);
    const OWN_TX = /\btx\(|\.transaction\(/;
    const offenders = actors.filter((f) => importsOf(f).some(DATA) || OWN_TX.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([BULK_SEED]);
  });

  it('errors are translated in one place per surface: toJsonError, toFormState (http/error-adapters.ts) and the middleware for pages', () => {
    const ADAPTERS = new Set(['src/server/errors.ts', 'src/server/http/error-adapters.ts', 'src/middleware.ts']);
    const offenders = all.filter((f) => !ADAPTERS.has(f) && /\btoAppError\(/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
