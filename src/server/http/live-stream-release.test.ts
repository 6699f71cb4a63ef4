import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteLocalChange } from '../changes';
import { SYSTEM } from '../services/actor';
import { createComponent, setComponentStatus } from '../services/components';
import { freshDb } from '../../testing/db';
import { connectSse, type SseConnection } from '../../testing/sse-client';
import type { Db } from '../db';
import { createLogger } from '../log';
import { createLiveStream } from './live-stream';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const STREAMS = 200;
let db: Db;
let live: ReturnType<typeof createLiveStream>;
let server: http.Server;
let url = '';
let port = 0;
let componentId = 0;
// node:http's objects of each stream request, counted as the garbage collector frees them
const collected = { req: 0, res: 0, socket: 0 };
const registry = new FinalizationRegistry<'req' | 'res' | 'socket'>((kind) => collected[kind]++);

beforeAll(async () => {
  db = freshDb();
  componentId = createComponent(db, { name: 'API', slug: 'api' }, SYSTEM, Date.now()).id;
  live = createLiveStream(db, createLogger('warn'), { limits: { perClient: 10, total: 1000 }, trustProxy: false });
  server = http.createServer((req, res) => {
    registry.register(req, 'req');
    registry.register(res, 'res');
    if (req.url === '/api/stream') live.handle(req, res);
    else res.end('not a stream\n');
  });
  server.on('connection', (socket) => registry.register(socket, 'socket'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/api/stream`;
});
afterAll(async () => {
  live?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  db?.$client.close();
});

/** Runs the collector until `done()` holds, or fails after `ms`. */
async function collectUntil(done: () => boolean, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !done(); ) {
    if (Date.now() > deadline) throw new Error(`not collected in ${ms} ms: ${JSON.stringify(collected)}, ${live.size} streams open`);
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
}

const data = (e: { data: string }) => JSON.parse(e.data) as { kind: string; entity_id: string };

describe('an open live stream keeps only its socket', () => {
  const open: SseConnection[] = [];

  it('lets node:http free the request and response of every open stream, and the streams still get events', async () => {
    // each from its own client (127.0.x.y), as many visitors would be
    for (let i = 0; i < STREAMS; i++) open.push(await connectSse(url, {}, { localAddress: `127.0.${1 + (i >> 8)}.${i & 255}` }));
    await Promise.all(open.map((s) => s.waitFor((e) => e.event === 'hello')));
    expect(live.size).toBe(STREAMS);
    expect(live.clientCount).toBe(STREAMS);

    await collectUntil(() => collected.req === STREAMS && collected.res === STREAMS);

    setComponentStatus(db, componentId, 'major_outage', SYSTEM, Date.now());
    const got = await Promise.all(open.map((s) => s.waitFor((e) => e.event === 'change' && data(e).kind === 'component.status', 5000)));
    expect(got.map((e) => data(e).entity_id)).toEqual(Array(STREAMS).fill(String(componentId)));
  });

  it('counts every stream and client out when the streams close', async () => {
    for (const s of open.splice(0)) s.close();
    await collectUntil(() => live.size === 0 && live.clientCount === 0);
    // and the caps admit again: a client that held a stream opens a new one
    const again = await connectSse(url, {}, { localAddress: '127.0.1.1' });
    await again.waitFor((e) => e.event === 'hello');
    expect(live.size).toBe(1);
    again.close();
  });
});

/** A bare connection from `from` that sends `request` and collects what comes back. */
function rawConnection(from: string, request: string): { socket: net.Socket; text: () => string } {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress: from });
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (c: string) => (received += c));
  socket.write(request);
  return { socket, text: () => received };
}

async function until(what: string, pred: () => boolean, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !pred(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('streams that would hold memory or corrupt a connection', () => {
  it('drops a client that stops reading once it leaves more than 256 KB unread, at the next send, and keeps serving the others', async () => {
    const reader = await connectSse(url, {}, { localAddress: '127.0.9.1' });
    await reader.waitFor((e) => e.event === 'hello');
    const stalled = rawConnection('127.0.9.2', 'GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n');
    await until('the stalled stream to open', () => stalled.text().includes('event: hello'));
    stalled.socket.pause();
    expect(live.size).toBe(2);
    // about 8 MB of events: more than the kernel buffers of a loopback connection that nobody reads
    const insert = db.$client.prepare("INSERT INTO change_log (at, kind, entity) VALUES (?, 'component.updated', 'component')");
    const lastId = db.$client.transaction(() => {
      let id = 0;
      for (let i = 0; i < 60_000; i++) id = Number(insert.run(Date.now()).lastInsertRowid);
      return id;
    })();
    noteLocalChange(lastId);
    // the burst goes out whole to both; the next change finds the stalled one still holding it and drops it
    await reader.waitFor((e) => e.id === String(lastId), 10_000);
    expect(live.size).toBe(2);
    setComponentStatus(db, componentId, 'partial_outage', SYSTEM, Date.now());
    await until('the stalled stream to be dropped', () => live.size === 1);
    await reader.waitFor((e) => e.event === 'change' && Number(e.id) > lastId);
    expect(live.clientCount).toBe(1);
    reader.close();
    stalled.socket.destroy();
    await until('the reader to be counted out', () => live.size === 0);
  });

  it('refuses a stream pipelined behind another response on the same connection, whole and with a JSON reason', async () => {
    const c = rawConnection('127.0.9.3', 'GET /page HTTP/1.1\r\nHost: x\r\n\r\nGET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n');
    await until('both answers', () => c.text().includes('pipelined_stream'));
    c.socket.destroy();
    expect(c.text()).toMatch(/^HTTP\/1\.1 200 [^]*not a stream\n[^]*HTTP\/1\.1 400 /);
    expect(c.text()).not.toContain('event: hello');
    expect(live.size).toBe(0);
  });
});

describe('a wave of closed streams', () => {
  it('is collected without anyone running the collector: the server asks for it once 1,000 have closed', async () => {
    const before = collected.socket;
    const wave = Array.from({ length: 1000 }, (_, i) => rawConnection(`127.0.${20 + (i >> 8)}.${i & 255}`, 'GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n'));
    await until('1,000 streams to open', () => live.size === 1000 && wave.every((c) => c.text().includes('event: hello')), 20_000);
    for (const c of wave) c.socket.destroy();
    // asked for 2 s after the wave; left to itself, V8's idle-time reducer takes 8 s or more
    await until('the server to free the 1,000 sockets', () => collected.socket >= before + 1000, 6000);
    expect(live.size).toBe(0);
  });
});
