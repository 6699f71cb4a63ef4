/** A minimal Server-Sent Events reader over node:http for tests. */
import http from 'node:http';

interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseConnection {
  events: SseEvent[];
  /** Resolves with the first event (seen so far or later) matching `pred`. */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** `localAddress` (127.x.y.z on loopback) makes the stream come from another client. */
export function connectSse(url: string, headers: Record<string, string> = {}, opts: { localAddress?: string } = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters: { pred: (e: SseEvent) => boolean; done: (e: SseEvent) => void }[] = [];
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, localAddress: opts.localAddress, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`stream answered ${res.statusCode}`));
      }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) !== -1) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const e: SseEvent = { id: null, event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              e.data += line.slice(6);
              hasData = true;
            }
          }
          if (!hasData) continue;
          events.push(e);
          for (const w of [...waiters]) {
            if (!w.pred(e)) continue;
            waiters.splice(waiters.indexOf(w), 1);
            w.done(e);
          }
        }
      });
      resolve({
        events,
        waitFor(pred, timeoutMs = 2000) {
          const seen = events.find(pred);
          if (seen) return Promise.resolve(seen);
          return new Promise((ok, fail) => {
            const t = setTimeout(() => fail(new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
            waiters.push({ pred, done: (e) => (clearTimeout(t), ok(e)) });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
  });
}
