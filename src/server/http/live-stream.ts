/** Server-Sent Events fed by the change log, so writes from any process reach every open page. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { onChange } from '../changes';
import type { Db } from '../db';
import type { Logger } from '../log';
import { changeEventsAfter, currentChangeId, type ChangeEvent } from '../queries/changes';

const REPLAY_LIMIT = 1000;

function format(r: ChangeEvent): string {
  return `id: ${r.id}\nevent: change\ndata: ${JSON.stringify({ id: r.id, at: r.at, kind: r.kind, entity: r.entity, entity_id: r.entity_id })}\n\n`;
}

export function createLiveStream(db: Db, log: Logger, opts: { heartbeatMs?: number } = {}) {
  const clients = new Set<ServerResponse>();
  let lastSent = currentChangeId(db);

  let retryTimer: NodeJS.Timeout | null = null;
  // Sends everything after lastSent, in pages, so a burst larger than one page is not left behind.
  function broadcast(): void {
    try {
      for (;;) {
        const rows = changeEventsAfter(db, lastSent, REPLAY_LIMIT);
        if (rows.length === 0) return;
        lastSent = rows[rows.length - 1].id;
        const payload = rows.map(format).join('');
        for (const res of clients) res.write(payload);
        if (rows.length < REPLAY_LIMIT) return;
      }
    } catch (err) {
      // A locked database must neither crash the process nor drop the change: try again shortly.
      log.warn('live stream read failed', { error: String(err) });
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        broadcast();
      }, 250);
    }
  }
  const unsubscribe = onChange(broadcast);

  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': heartbeat\n\n');
  }, opts.heartbeatMs ?? 25_000);
  heartbeat.unref();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: 'Use GET.' } }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const rawLast = (req.headers['last-event-id'] as string | undefined) ?? url.searchParams.get('lastEventId');
    const last = rawLast && /^\d{1,15}$/.test(rawLast) ? Number(rawLast) : null;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\n: connected\n\n`);
    const current = Math.max(lastSent, currentChangeId(db));
    if (last !== null && last < current) {
      const rows = changeEventsAfter(db, last, REPLAY_LIMIT);
      const missed = rows.filter((r) => r.id <= lastSent);
      if (rows.length === REPLAY_LIMIT) res.write(`event: reset\ndata: {"id":${current}}\n\n`);
      else res.write(missed.map(format).join(''));
    } else {
      res.write(`event: hello\ndata: {"id":${current}}\n\n`);
    }
    clients.add(res);
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    const drop = () => clients.delete(res);
    req.on('close', drop);
    res.on('close', drop);
    res.on('error', drop);
  }

  return {
    handle,
    get size() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      if (retryTimer) clearTimeout(retryTimer);
      unsubscribe();
      for (const res of clients) res.end();
      clients.clear();
      log.debug('live stream closed');
    },
  };
}
