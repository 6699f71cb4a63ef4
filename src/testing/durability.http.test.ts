/** An update acknowledged with 201 survives kill -9 of the server and a restart (WAL + synchronous=FULL). */
import { afterAll, describe, expect, it } from 'vitest';
import { createComponent } from '../server/services/components';
import { createIncident } from '../server/services/incidents';
import { createApiKey } from '../server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const N = 40;
const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop('SIGKILL'))));

describe('kill -9', () => {
  it(`keeps all ${N} concurrently acknowledged updates`, async () => {
    const dbPath = tempDbPath();
    let key = '';
    let incidentId = 0;
    seedDatabase(dbPath, (db) => {
      const actor = cliActor('test');
      const now = Date.now();
      createComponent(db, { name: 'API', slug: 'api' }, actor, now);
      incidentId = createIncident(db, { title: 'Flapping', impact: 'minor', status: 'investigating', body: 'start', components: { api: 'degraded_performance' } }, actor, now).id;
      key = createApiKey(db, 'durability', actor, now).key;
    });
    const first = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
    servers.push(first);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const statuses = ['identified', 'monitoring', 'investigating'] as const;
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        fetch(`${first.baseURL}/api/v1/incidents/${incidentId}/updates`, { method: 'POST', headers, body: JSON.stringify({ status: statuses[i % 3], body: `update number ${i}` }) }),
      ),
    );
    first.proc.kill('SIGKILL');
    expect(responses.map((r) => r.status)).toEqual(Array(N).fill(201));
    await new Promise((r) => first.proc.once('exit', r));
    expect(first.proc.signalCode).toBe('SIGKILL');

    const second = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
    servers.push(second);
    const incident = await (await fetch(`${second.baseURL}/api/v1/incidents/${incidentId}`, { headers })).json();
    const bodies = new Set(incident.incident_updates.map((u: { body: string }) => u.body));
    for (let i = 0; i < N; i++) expect(bodies.has(`update number ${i}`), `update ${i}`).toBe(true);
    expect(incident.incident_updates).toHaveLength(N + 1);
  });
});
