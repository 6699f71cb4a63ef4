/**
 * Write-API parity: every admin form action calls a verb, and every verb (bar the listed exceptions) answers
 * on /api/v1 with the same schema, through the built server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_API, VERBS } from '../server/features/all-verbs';
import { createApiKey, createUser } from '../server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const modules = import.meta.glob<Record<string, unknown>>('../server/features/*/verbs.ts', { eager: true });
/** Exported function name (createIncident) → verb name (incident.create). */
const verbOfExport = new Map<string, string>();
for (const mod of Object.values(modules)) {
  for (const [exportName, fn] of Object.entries(mod)) {
    const entry = [...VERBS].find(([, v]) => v === fn);
    if (entry) verbOfExport.set(exportName, entry[0]);
  }
}

function adminPages(dir = path.resolve('src/pages/admin')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? adminPages(path.join(dir, e.name)) : e.name.endsWith('.astro') ? [path.join(dir, e.name)] : []));
}

/** [page, action, verb names its handler calls] for every entry of a Map handed to handleForm. */
function adminActions(): { page: string; action: string; verbs: string[] }[] {
  const out: { page: string; action: string; verbs: string[] }[] = [];
  for (const file of adminPages()) {
    const src = fs.readFileSync(file, 'utf8');
    for (const map of src.matchAll(/new Map<string, FormAction>\(\[([\s\S]*?)\n\s*\]\)/g)) {
      const starts = [...map[1].matchAll(/^\s*\['([\w-]+)',/gm)];
      starts.forEach((m, i) => {
        const text = map[1].slice(m.index, starts[i + 1]?.index ?? map[1].length);
        const calls = [...text.matchAll(/\b(\w+)\(/g)].map((c) => verbOfExport.get(c[1])).filter((v): v is string => v !== undefined);
        out.push({ page: path.relative(process.cwd(), file), action: m[1], verbs: calls });
      });
    }
  }
  return out;
}

const actions = adminActions();
const apiVerbs = [...VERBS.keys()].filter((n) => !NOT_IN_API.has(n)).sort();

let server: RunningServer;
let key: string;
beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const actor = cliActor('test');
    createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, actor, Date.now());
    key = createApiKey(db, 'parity', actor, Date.now(), 'admin').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(() => server?.stop());

describe('write API parity with the admin', () => {
  it('finds the admin actions and the verbs', () => {
    expect(actions.length).toBeGreaterThan(20);
    expect(apiVerbs.length).toBeGreaterThan(30);
  });

  it.each(actions.map((a) => [`${a.page} ${a.action}`, a] as const))('%s calls a verb that the API exposes', (_n, a) => {
    expect(a.verbs.length, `${a.page}: action "${a.action}" calls no verb`).toBeGreaterThan(0);
    for (const v of a.verbs) expect(NOT_IN_API.has(v) ? 'session/setup only' : apiVerbs, v).toContain(NOT_IN_API.has(v) ? 'session/setup only' : v);
  });

  it.each(apiVerbs)('POST /api/v1/verbs/%s answers with the verb (validation, not 404 or 5xx)', async (name) => {
    const res = await fetch(`${server.baseURL}/api/v1/verbs/${name}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"no_such_field":1}' });
    expect(res.status, name).toBe(422);
    const body = await res.json();
    expect(body.error.fields?.no_such_field ?? body.error.message, name).toBeTruthy();
  });

  it('runs a verb end to end and never returns hashes', async () => {
    const post = (name: string, body: unknown) => fetch(`${server.baseURL}/api/v1/verbs/${name}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const group = await post('group.create', { name: 'Edge' });
    expect(group.status).toBe(200);
    expect((await group.json()).name).toBe('Edge');
    const created = await (await post('apikey.create', { name: 'made-by-api', scope: 'read' })).json();
    expect(created.key).toMatch(/^sp_/);
    expect(JSON.stringify(created)).not.toMatch(/hash/i);
    expect((await fetch(`${server.baseURL}/api/v1/verbs/session.signOut`, { method: 'POST', headers: { authorization: `Bearer ${key}` } })).status).toBe(404);
  });
});
