/**
 * Issue 25, rendered: a handful of random operator sequences, wound down as the admin's warnings direct, leave `/`
 * saying "All Systems Operational", /api/v2 at indicator none, and the admin showing every component operational
 * with no warning. The read model is checked for many more sequences in status-sequences.test.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { signInCookie } from '../../testing/http-helpers';
import { operatorSequence, runSequence } from '../../testing/operator-sequences';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { cliActor } from '../services/actor';
import { createUser } from '../services/users';

const START = Date.UTC(2026, 10, 1);
// Fixed seed: the same sequences every run, each declaring, setting by hand, resolving and running maintenance.
const has = (s: { kind: string }[], ...kinds: string[]) => kinds.every((k) => s.some((a) => a.kind === k));
const sequences = fc.sample(operatorSequence.filter((s) => has(s, 'declare', 'byHand', 'resolve', 'maintenance')), { seed: 25, numRuns: 4 });
const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

describe.each(sequences.map((s, i) => [i, s] as const))('sequence %i', (_i, actions) => {
  it('ends with every page operational', async () => {
    const dbPath = tempDbPath();
    seedDatabase(dbPath, (db) => {
      createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), START);
      runSequence(db, actions, START);
    });
    const server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
    servers.push(server);
    expect(await (await fetch(`${server.baseURL}/`)).text()).toContain('All Systems Operational');
    const summary = await (await fetch(`${server.baseURL}/api/v2/summary.json`)).json();
    expect(summary.status.indicator).toBe('none');
    expect(summary.components.map((c: { status: string }) => c.status)).toEqual(['operational', 'operational', 'operational']);
    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
    const admin = await (await fetch(`${server.baseURL}/admin/components`, { headers: { cookie } })).text();
    expect([...admin.matchAll(/data-status-source="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['operational', 'operational', 'operational']);
    expect(admin).not.toContain('data-leftover');
    expect(await (await fetch(`${server.baseURL}/admin`, { headers: { cookie } })).text()).not.toContain('data-leftover');
  });
});
