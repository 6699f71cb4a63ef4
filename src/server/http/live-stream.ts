/** Server-Sent Events fed by the change log, so writes from any process reach every open page. */
// Decision: docs/decisions/022-live-updates-in-the-browser.md, 031-live-streams-own-their-sockets.md
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { rateLimitKey } from '../../domain/rate-limit-key';
import { collectAfterClosing, streamRefusal, type StreamLimits } from '../../domain/stream-admission';
import { onChange } from '../changes';
import type { Db } from '../db';
import { requestCollection } from '../gc-hint';
import type { Logger } from '../log';
import { changeEventsAfter, currentChangeId, type ChangeEvent } from '../queries/changes';
import { clientIp } from './client-ip';
import { takeSocket } from './socket-takeover';

const REPLAY_LIMIT = 1000;
/** How long after enough closings the collection is asked for: the rest of a wave closes meanwhile. */
const COLLECT_DELAY_MS = 2000;
/** Bytes a stream may leave unread before it is dropped (the browser reconnects with Last-Event-ID and catches up). */
const MAX_UNREAD_BYTES = 256 * 1024;

function format(r: ChangeEvent): string {
  return `id: ${r.id}\nevent: change\ndata: ${JSON.stringify({ id: r.id, at: r.at, kind: r.kind, entity: r.entity, entity_id: r.entity_id })}\n\n`;
}

export interface LiveStreamOptions {
  heartbeatMs?: number;
  limits: StreamLimits;
  /** Count streams by the X-Forwarded-For client, as the front layer does (TRUST_PROXY). */
  trustProxy: boolean;
  /**
   * Issue 24: the page a stream's Host names, and the pages a change shows on; a stream hears only its page's
   * changes. Without them every stream hears every change (one page).
   */
  pages?: { pageOf: (host: string | undefined) => number; changePages: (e: ChangeEvent) => readonly number[] };
}

/** One open stream: the client it counts against, whether its body is chunked (HTTP/1.1), and its page. */
interface Stream {
  key: string;
  chunked: boolean;
  pageId: number;
}

/** One event's bytes, built once per broadcast and written as they are to every socket. */
interface Frame {
  chunked: Buffer;
  plain: Buffer;
}

/** Text framed once as one HTTP/1.1 chunk (for chunked streams) and as it is (for HTTP/1.0 ones). */
function frameOf(text: string): Frame {
  const plain = Buffer.from(text);
  return { plain, chunked: Buffer.concat([Buffer.from(`${plain.length.toString(16)}\r\n`), plain, Buffer.from('\r\n')]) };
}

/** Refuses a stream past a cap: the browser script polls the page meanwhile (public/js/live.js). */
function refuse(res: ServerResponse, r: NonNullable<ReturnType<typeof streamRefusal>>): void {
  // connection: close frees the descriptor now instead of after the keep-alive timeout
  res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(r.retryAfterSeconds), 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify({ error: { code: r.code, message: r.message } }));
}

const ignore = () => {};

export function createLiveStream(db: Db, log: Logger, opts: LiveStreamOptions) {
  // Keyed by socket, not response: once the head is written the socket is taken from node:http (socket-takeover.ts).
  const streams = new Map<Socket, Stream>();
  const perClient = new Map<string, number>();
  let lastSent = currentChangeId(db);

  let closedSinceCollection = 0;
  let collectTimer: NodeJS.Timeout | null = null;
  function collect(): void {
    collectTimer = null;
    closedSinceCollection = 0;
    requestCollection();
  }

  /** Counts a stream out; close and error may both fire, only the first one counts. */
  function release(socket: Socket): void {
    const s = streams.get(socket);
    if (!s) return;
    streams.delete(socket);
    const left = (perClient.get(s.key) ?? 1) - 1;
    if (left > 0) perClient.set(s.key, left);
    else perClient.delete(s.key);
    // V8 would let a closed wave's memory sit until the heap grew by as much again (docs/decisions/031)
    if (!collectTimer && collectAfterClosing(++closedSinceCollection, streams.size)) collectTimer = setTimeout(collect, COLLECT_DELAY_MS).unref();
  }
  // Shared listeners (`this` is the socket): no closure per stream.
  function onGone(this: Socket): void {
    release(this);
    this.destroy();
  }

  /** Writes one frame to every stream: the same Buffer to each socket, no per-stream framing or copy. */
  function sendAll(text: string): void {
    if (text === '') return; // an empty chunk would end the body
    const frame = frameOf(text);
    for (const [socket, s] of streams) socket.write(s.chunked ? frame.chunked : frame.plain);
  }

  /** The rows a page's streams may hear. */
  function rowsFor(pageId: number, rows: ChangeEvent[], shownOn: (e: ChangeEvent) => readonly number[]): ChangeEvent[] {
    return opts.pages ? rows.filter((r) => shownOn(r).includes(pageId)) : rows;
  }

  /** Each page's streams get the rows their page shows, framed once per page. */
  function sendByPage(rows: ChangeEvent[]): void {
    if (!opts.pages) return sendAll(rows.map(format).join(''));
    const memo = new Map<number, readonly number[]>();
    const shownOn = (e: ChangeEvent) => memo.get(e.id) ?? memo.set(e.id, opts.pages!.changePages(e)).get(e.id)!;
    const frames = new Map<number, Frame | null>();
    for (const [socket, s] of streams) {
      let frame = frames.get(s.pageId);
      if (frame === undefined) {
        const text = rowsFor(s.pageId, rows, shownOn).map(format).join('');
        frames.set(s.pageId, (frame = text === '' ? null : frameOf(text)));
      }
      if (frame) socket.write(s.chunked ? frame.chunked : frame.plain);
    }
  }

  /** Drops the clients still holding an earlier send unread, rather than buffering for them without bound. */
  function dropStalled(): void {
    for (const socket of streams.keys()) if (socket.writableLength > MAX_UNREAD_BYTES) onGone.call(socket);
  }

  let retryTimer: NodeJS.Timeout | null = null;
  // Sends everything after lastSent, in pages, so a burst larger than one page is not left behind.
  function broadcast(): void {
    dropStalled(); // before, not during: a burst of many pages goes out whole to everyone reading
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

  const heartbeat = setInterval(() => {
    dropStalled();
    sendAll(': heartbeat\n\n');
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

  /** Once node:http has finished parsing, the stream keeps only its socket; it reads (and drops) what the client sends. */
  function takeOver(req: IncomingMessage, res: ServerResponse): void {
    const socket = takeSocket(req, res);
    if (!socket) return; // closed meanwhile (released by onGone), or left with node:http: it works as it is
    socket.on('close', onGone);
    socket.on('error', onGone);
    socket.on('end', onGone); // the client is done: SSE has nothing to say to a half-closed connection
    socket.on('data', ignore);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: 'Use GET.' } }));
      return;
    }
    // Frames go straight to the socket: a request pipelined behind another response would interleave with it.
    if (res.socket !== req.socket) {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      return void res.end(JSON.stringify({ error: { code: 'pipelined_stream', message: 'Open the live stream on a connection of its own.' } }));
    }
    const key = rateLimitKey(clientIp(req, opts.trustProxy));
    const refusal = streamRefusal({ total: streams.size, client: perClient.get(key) ?? 0 }, opts.limits);
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
    const socket = req.socket;
    streams.set(socket, { key, chunked, pageId });
    perClient.set(key, (perClient.get(key) ?? 0) + 1);
    socket.setNoDelay(true);
    socket.setTimeout(0);
    // until the takeover, node:http owns the socket's events; this counts a stream closed before it
    res.on('close', () => release(socket));
    setImmediate(takeOver, req, res);
  }

  return {
    handle,
    get size() {
      return streams.size;
    },
    /** Clients holding at least one stream (a map entry each, removed with their last stream). */
    get clientCount() {
      return perClient.size;
    },
    close() {
      clearInterval(heartbeat);
      if (retryTimer) clearTimeout(retryTimer);
      if (collectTimer) clearTimeout(collectTimer);
      unsubscribe();
      for (const [socket, s] of streams) socket.end(s.chunked ? '0\r\n\r\n' : '');
      streams.clear();
      perClient.clear();
      log.debug('live stream closed');
    },
  };
}
