/** The built server's webhook worker: 10 never-answering receivers among 50 do not hold back the 40 healthy ones. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import { addSubscriber } from '../services/webhooks';
import { createApiKey } from '../services/users';

const TIMEOUT_MS = 5000;
let server: RunningServer;
let healthy: Receiver[] = [];
let hanging: Receiver[] = [];
let key = '';
let componentId = 0;

beforeAll(async () => {
  healthy = await Promise.all(Array.from({ length: 40 }, () => startReceiver(() => 204)));
  hanging = await Promise.all(Array.from({ length: 10 }, () => startReceiver(() => 0)));
  const dbPath = tempDbPath('webhook-fairness-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    componentId = seedComponents(db, now).api;
    key = createApiKey(db, 'fairness', TEST_ACTOR, now).key;
    // one hanging receiver after every four healthy ones, in the order they signed up
    healthy.forEach((r, i) => {
      if (i % 4 === 0) addSubscriber(db, { url: hanging[i / 4].url, description: 'hangs' }, TEST_ACTOR, now);
      addSubscriber(db, { url: r.url, description: 'healthy' }, TEST_ACTOR, now);
    });
  });
  server = await startServer({ dbPath, env: { WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(async () => {
  await Promise.all([...healthy, ...hanging].map((r) => r.close()));
  await server?.stop();
});

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('webhook fairness in the built server', () => {
  it('delivers a change to 40 healthy receivers well before the 10 hanging ones time out', async () => {
    const t0 = Date.now();
    const res = await fetch(`${server.baseURL}/api/v1/components/${componentId}`, { method: 'PATCH', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'major_outage' }) });
    expect(res.status).toBe(200);
    await until(() => healthy.every((r) => r.requests.length >= 1), TIMEOUT_MS / 2, 'every healthy receiver got the change');
    expect(Date.now() - t0).toBeLessThan(TIMEOUT_MS / 2);
    await until(() => hanging.every((r) => r.requests.length >= 1), TIMEOUT_MS / 2, 'the hanging receivers were tried too');
    expect(JSON.parse(healthy[39].requests[0].body).component_update).toMatchObject({ new_status: 'major_outage' });
  });
});
