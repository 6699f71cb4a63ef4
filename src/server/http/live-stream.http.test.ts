import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { SYSTEM } from '../services/actor';
import { createComponent, setComponentStatus } from '../services/components';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { connectSse } from '../../testing/sse-client';

let server: RunningServer;
let db: Db; // this test process writes as a second process on the server's database file
let componentId = 0;

beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-live-');
  seedDatabase(dbPath, (d) => {
    componentId = createComponent(d, { name: 'API', slug: 'api' }, SYSTEM, Date.now()).id;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  db = openDatabase(dbPath, { migrate: false });
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

const data = (e: { data: string }) => JSON.parse(e.data) as { id: number; kind: string; entity: string; entity_id: string };

describe('/api/stream', () => {
  it('delivers a change written by another process within a second, with SSE headers for proxies', async () => {
    const res = await fetch(`${server.baseURL}/api/stream`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
    expect(res?.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res?.headers.get('x-accel-buffering')).toBe('no');
    expect(res?.headers.get('cache-control')).toContain('no-transform');

    const sse = await connectSse(`${server.baseURL}/api/stream`);
    await sse.waitFor((e) => e.event === 'hello');
    const started = Date.now();
    setComponentStatus(db, componentId, 'major_outage', SYSTEM, Date.now());
    const e = await sse.waitFor((x) => x.event === 'change' && data(x).kind === 'component.status', 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(data(e)).toMatchObject({ entity: 'component', entity_id: String(componentId) });
    expect(e.id).toBe(String(data(e).id));
    sse.close();
  });

  it('replays what was missed after Last-Event-ID, in order', async () => {
    const first = await connectSse(`${server.baseURL}/api/stream`);
    const hello = data(await first.waitFor((e) => e.event === 'hello'));
    first.close();
    setComponentStatus(db, componentId, 'partial_outage', SYSTEM, Date.now());
    setComponentStatus(db, componentId, 'operational', SYSTEM, Date.now());
    const again = await connectSse(`${server.baseURL}/api/stream`, { 'last-event-id': String(hello.id) });
    await again.waitFor((e) => e.event === 'change' && data(e).kind === 'component.status' && data(e).id > hello.id + 1);
    const ids = again.events.filter((e) => e.event === 'change').map((e) => data(e).id);
    expect(ids[0]).toBe(hello.id + 1);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    again.close();
  });

  it('delivers a burst larger than one replay page without leaving changes behind', async () => {
    const sse = await connectSse(`${server.baseURL}/api/stream`);
    const hello = data(await sse.waitFor((e) => e.event === 'hello'));
    const insert = db.$client.prepare("INSERT INTO change_log (at, kind, entity) VALUES (?, 'component.updated', 'component')");
    db.$client.transaction(() => {
      for (let i = 0; i < 1500; i++) insert.run(Date.now());
    })();
    await sse.waitFor((e) => e.event === 'change' && data(e).id === hello.id + 1500, 3000);
    expect(sse.events.filter((e) => e.event === 'change')).toHaveLength(1500);
    sse.close();
  });
});
