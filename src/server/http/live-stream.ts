/** Server-Sent Events fed by the change log, so writes from any process reach every open page. */
// Decision: docs/decisions/022-live-updates-in-the-browser.md
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitKey } from '../../domain/rate-limit-key';
import { streamRefusal, type StreamLimits } from '../../domain/stream-admission';
import { onChange } from '../changes';
import type { Db } from '../db';
import type { Logger } from '../log';
import { changeEventsAfter, currentChangeId, type ChangeEvent } from '../queries/changes';
import { clientIp } from './client-ip';

const REPLAY_LIMIT = 1000;

function format(r: ChangeEvent): string {
  return `id: ${r.id}\nevent: change\ndata: ${JSON.stringify({ id: r.id, at: r.at, kind: r.kind, entity: r.entity, entity_id: r.entity_id })}\n\n`;
}

export interface LiveStreamOptions {
  heartbeatMs?: number;
  /**
   * Issue 24: the page a stream's Host names, and the pages a change shows on; a stream hears only its page's
   * changes. Without them every stream hears every change (one page).
   */
  pages?: { pageOf: (host: string | undefined) => number; changePages: (e: ChangeEvent) => readonly number[] };
  limits: StreamLimits;
  /** Count streams by the X-Forwarded-For client, as the front layer does (TRUST_PROXY). */
  trustProxy: boolean;
}

/** Text framed once as one HTTP/1.1 chunk, written to every chunked stream as it is. */
function chunkOf(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]);
}

/**
 * Sends the same text to every stream. A chunked stream that owns its socket gets the pre-framed bytes straight on the
 * socket: with 10,000 streams, res.write's per-stream framing, corking and garbage were most of a broadcast's cost.
 */
function sendAll(clients: Map<ServerResponse, boolean>, text: string): void {
  if (text === '') return; // an empty chunk would end the body
  const chunk = chunkOf(text);
  for (const [res, chunked] of clients) {
    if (chunked && res.socket) res.socket.write(chunk);
    else res.write(text);
  }
}

/** Refuses a stream past a cap: the browser script polls the page meanwhile (public/js/live.js). */
function refuse(res: ServerResponse, r: NonNullable<ReturnType<typeof streamRefusal>>): void {
  // connection: close frees the descriptor now instead of after the keep-alive timeout
  res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(r.retryAfterSeconds), 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify({ error: { code: r.code, message: r.message } }));
}

export function createLiveStream(db: Db, log: Logger, opts: LiveStreamOptions) {
  // each open stream, and whether its body is chunked (HTTP/1.1) so that sendAll may frame it
  const clients = new Map<ServerResponse, boolean>();
  // the same streams by page id (all under 0 with one page), so a broadcast frames once per page
  const byPage = new Map<number, Map<ServerResponse, boolean>>();
  const perClient = new Map<string, number>();
  let lastSent = currentChangeId(db);

  let retryTimer: NodeJS.Timeout | null = null;
  // Sends everything after lastSent, in pages, so a burst larger than one page is not left behind.
  function broadcast(): void {
    try {
      for (;;) {
        const rows = changeEventsAfter(db, lastSent, REPLAY_LIMIT);
        if (rows.length === 0) return;
        lastSent = rows[rows.length - 1].id;
        sendByPage(rows);
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

  /** The rows a page's streams may hear. */
  function rowsFor(pageId: number, rows: ChangeEvent[], shownOn: (e: ChangeEvent) => readonly number[]): ChangeEvent[] {
    return opts.pages ? rows.filter((r) => shownOn(r).includes(pageId)) : rows;
  }

  function sendByPage(rows: ChangeEvent[]): void {
    const memo = new Map<number, readonly number[]>();
    const shownOn = (e: ChangeEvent) => memo.get(e.id) ?? memo.set(e.id, opts.pages!.changePages(e)).get(e.id)!;
    for (const [pageId, streams] of byPage) sendAll(streams, rowsFor(pageId, rows, shownOn).map(format).join(''));
  }

  const heartbeat = setInterval(() => {
    sendAll(clients, ': heartbeat\n\n');
  }, opts.heartbeatMs ?? 25_000);
  heartbeat.unref();

  /** What a new stream starts with: the changes it missed after `last`, a reset when too many, else hello. */
  function opening(last: number | null, pageId: number): string {
    const current = Math.max(lastSent, currentChangeId(db));
    if (last === null || last >= current) return `event: hello\ndata: {"id":${current}}\n\n`;
    const rows = changeEventsAfter(db, last, REPLAY_LIMIT);
    if (rows.length === REPLAY_LIMIT) return `event: reset\ndata: {"id":${current}}\n\n`;
    return rowsFor(pageId, rows.filter((r) => r.id <= lastSent), (e) => opts.pages!.changePages(e)).map(format).join('');
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: 'Use GET.' } }));
      return;
    }
    const key = rateLimitKey(clientIp(req, opts.trustProxy));
    const refusal = streamRefusal({ total: clients.size, client: perClient.get(key) ?? 0 }, opts.limits);
    if (refusal) return refuse(res, refusal);
    const url = new URL(req.url ?? '/', 'http://x');
    const rawLast = (req.headers['last-event-id'] as string | undefined) ?? url.searchParams.get('lastEventId');
    const last = rawLast && /^\d{1,15}$/.test(rawLast) ? Number(rawLast) : null;
    const chunked = req.httpVersion === '1.1';
    res.writeHead(200, {
      ...(chunked ? { 'transfer-encoding': 'chunked' } : {}),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const pageId = opts.pages?.pageOf(req.headers.host) ?? 0;
    res.write(`retry: 2000\n: connected\n\n${opening(last, pageId)}`);
    clients.set(res, chunked);
    const mine = byPage.get(pageId) ?? new Map<ServerResponse, boolean>();
    byPage.set(pageId, mine.set(res, chunked));
    perClient.set(key, (perClient.get(key) ?? 0) + 1);
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    // close and error may both fire: only the first one counts the stream out
    const drop = () => {
      if (!clients.delete(res)) return;
      const mine = byPage.get(pageId);
      mine?.delete(res);
      if (mine?.size === 0) byPage.delete(pageId);
      const left = (perClient.get(key) ?? 1) - 1;
      if (left > 0) perClient.set(key, left);
      else perClient.delete(key);
    };
    req.on('close', drop);
    res.on('close', drop);
    res.on('error', drop);
  }

  return {
    handle,
    get size() {
      return clients.size;
    },
    /** Clients holding at least one stream (a map entry each, removed with their last stream). */
    get clientCount() {
      return perClient.size;
    },
    close() {
      clearInterval(heartbeat);
      if (retryTimer) clearTimeout(retryTimer);
      unsubscribe();
      for (const res of clients.keys()) res.end();
      clients.clear();
      byPage.clear();
      perClient.clear();
      log.debug('live stream closed');
    },
  };
}
