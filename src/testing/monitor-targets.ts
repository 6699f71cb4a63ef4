/** Local HTTP and TCP targets for monitor tests that can be switched up, down, slow and hung. */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

type TargetMode = 'up' | 'down' | 'slow' | 'hang' | 'redirect-loop' | 'redirect-once' | 'redirect-to';

export interface HttpTarget {
  url: string;
  mode: TargetMode;
  slowMs: number;
  body: string;
  /** Where 'redirect-to' sends every request (302). */
  location: string;
  /** Request headers of every request received. */
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** An HTTP server whose behaviour follows `mode`. */
export async function startHttpTarget(): Promise<HttpTarget> {
  const target = { mode: 'up', slowMs: 150, body: 'all systems go', location: '/', seen: [] as http.IncomingHttpHeaders[] } as HttpTarget;
  const hung = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    target.seen.push(req.headers);
    const reply = () => res.writeHead(200, { 'content-type': 'text/plain' }).end(target.body);
    switch (target.mode) {
      case 'up':
        return reply();
      case 'down':
        return res.writeHead(503).end('unavailable');
      case 'slow':
        return void setTimeout(reply, target.slowMs);
      case 'hang':
        return void hung.add(res);
      case 'redirect-loop':
        return res.writeHead(302, { location: '/again' }).end();
      case 'redirect-once':
        return req.url === '/final' ? reply() : res.writeHead(301, { location: '/final' }).end();
      case 'redirect-to':
        return res.writeHead(302, { location: target.location }).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  target.close = () =>
    new Promise((r) => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
  return target;
}

/** A TCP listener that can be closed (down) and reopened on the same port (up). */
export async function startTcpTarget(): Promise<{ port: number; up(): Promise<void>; down(): Promise<void> }> {
  let server: net.Server | null = null;
  let port = 0;
  const sockets = new Set<net.Socket>();
  const up = () =>
    new Promise<void>((r) => {
      server = net.createServer((s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        r();
      });
    });
  const down = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      if (!server) return r();
      server.close(() => r());
      server = null;
    });
  await up();
  return {
    get port() {
      return port;
    },
    up,
    down,
  };
}
