/** A real local HTTP receiver for webhook tests: records requests and answers with a programmable status. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  requests: Received[];
  /** Status for the n-th request (0-based); default 200; 0 = never answer. */
  respond: (n: number) => number;
  waitFor: (count: number, timeoutMs?: number) => Promise<Received[]>;
  close: () => Promise<void>;
}

export async function startReceiver(respond: (n: number) => number = () => 200): Promise<Receiver> {
  const requests: Received[] = [];
  const r: Partial<Receiver> = { requests, respond };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = requests.length;
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const status = r.respond!(n);
      if (status === 0) return;
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  r.url = `http://127.0.0.1:${port}/hook`;
  r.waitFor = async (count, timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    while (requests.length < count) {
      if (Date.now() > end) throw new Error(`receiver got ${requests.length} of ${count} requests`);
      await new Promise((ok) => setTimeout(ok, 20));
    }
    return requests;
  };
  r.close = () =>
    new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  return r as Receiver;
}
