import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { SYSTEM } from '../services/actor';
import { createComponent, setComponentStatus } from '../services/components';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { connectSse, type SseConnection } from '../../testing/sse-client';

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
    // not a document: the short header set every open stream holds
    expect(res?.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res?.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res?.headers.get('permissions-policy')).toBeNull();

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

  it('streams to an HTTP/1.0 client unframed, the body ending with the connection', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (raw += c));
    socket.write('GET /api/stream HTTP/1.0\r\n\r\n');
    const until = async (pred: () => boolean) => {
      for (const deadline = Date.now() + 3000; !pred(); ) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(raw)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until(() => raw.includes('event: hello'));
    setComponentStatus(db, componentId, 'degraded_performance', SYSTEM, Date.now());
    await until(() => raw.includes('event: change'));
    socket.destroy();
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw.toLowerCase()).not.toContain('transfer-encoding');
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(body.startsWith('retry: 2000\n')).toBe(true);
    expect(body).toMatch(/\n\nid: \d+\nevent: change\ndata: \{/);
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

/** A refused stream request: its status, Retry-After and JSON error, read whole. */
function refusedStream(url: string, localAddress: string): Promise<{ status: number; retryAfter: string | undefined; connection: string | undefined; body: { error: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { localAddress, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], connection: res.headers.connection, body: JSON.parse(body) }));
      })
      .on('error', reject);
  });
}

/** Opens a stream once the server has counted earlier ones out (closing is asynchronous on its side). */
async function connectWhenFree(url: string, localAddress: string): Promise<SseConnection> {
  for (const deadline = Date.now() + 5000; ; ) {
    try {
      return await connectSse(url, {}, { localAddress });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('/api/stream caps', () => {
  let capped: RunningServer;
  let url = '';
  const open: SseConnection[] = [];
  beforeAll(async () => {
    const dbPath = tempDbPath('statuspage-live-cap-');
    seedDatabase(dbPath);
    capped = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', LIVE_STREAMS_PER_CLIENT: '3', LIVE_STREAMS_MAX: '6' } });
    url = `${capped.baseURL}/api/stream`;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await capped?.stop();
  });
  const connect = async (from: string) => {
    const s = await connectSse(url, {}, { localAddress: from });
    open.push(s);
    await s.waitFor((e) => e.event === 'hello');
    return s;
  };

  it('refuses a client past its cap with 429, Retry-After and a JSON message, and admits other clients', async () => {
    const mine = [await connect('127.0.0.1'), await connect('127.0.0.1'), await connect('127.0.0.1')];
    const r = await refusedStream(url, '127.0.0.1');
    expect(r.status).toBe(429);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(r.connection).toBe('close');
    expect(r.body.error).toMatchObject({ code: 'too_many_streams', message: expect.stringContaining('3') });
    await connect('127.0.0.2');
    // a stream that ends is counted out: the client may open another
    mine[0].close();
    open.push(await connectWhenFree(url, '127.0.0.1'));
  });

  it('refuses everyone with 503 when the process cap is reached, and admits again once streams close', async () => {
    await connect('127.0.0.2');
    await connect('127.0.0.2'); // 127.0.0.1: 3, 127.0.0.2: 3 = the cap of 6
    const r = await refusedStream(url, '127.0.0.3');
    expect(r.status).toBe(503);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(r.body.error.code).toBe('streams_full');
    for (const s of open.splice(0)) s.close();
    // every count is released: six new streams from six new clients fit again
    for (let i = 10; i < 16; i++) open.push(await connectWhenFree(url, `127.0.0.${i}`));
    expect((await refusedStream(url, '127.0.0.99')).status).toBe(503);
  });
});

describe('/api/stream caps behind a trusted proxy', () => {
  let proxied: RunningServer;
  const open: SseConnection[] = [];
  beforeAll(async () => {
    const dbPath = tempDbPath('statuspage-live-proxy-');
    seedDatabase(dbPath);
    proxied = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', TRUST_PROXY: '1', LIVE_STREAMS_PER_CLIENT: '2' } });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await proxied?.stop();
  });
  const status = (forwardedFor: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(`${proxied.baseURL}/api/stream`, { agent: false, headers: { 'x-forwarded-for': forwardedFor } }, (res) => {
        resolve(res.statusCode ?? 0);
        if (res.statusCode === 200) open.push({ events: [], waitFor: () => Promise.reject(new Error('unused')), close: () => req.destroy() });
        else res.resume();
      });
      req.on('error', reject);
    });

  it('counts the forwarded client, every IPv6 address of one /64 as one client', async () => {
    expect(await status('2001:db8:1:2::a')).toBe(200);
    expect(await status('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(200);
    expect(await status('2001:db8:1:2::b')).toBe(429);
    expect(await status('2001:db8:1:3::a')).toBe(200);
    expect(await status('203.0.113.9')).toBe(200);
  });
});
