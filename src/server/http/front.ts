/**
 * The node:http layer in front of Astro: answers cached public GETs itself (Astro's pipeline tops out near
 * 2–3 k req/s), streams live updates, caps bodies, sets security headers, and hands the rest to Astro.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentVersion } from '../changes';
import type { Logger } from '../log';
import { CaptureResponse } from './capture';
import { chooseEncoding, makeEntry, ResponseCache, type CachedResponse } from './response-cache';
import { isCorsPath, publicCacheKey } from './public-paths';
import { applyHeaders } from './security-headers';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface FrontOptions {
  astro: NodeHandler;
  cache: ResponseCache;
  headers: Record<string, string>;
  maxBodyBytes: number;
  /** True when the request carries a valid operator session (such requests bypass the cache). */
  isSignedIn: (req: IncomingMessage) => boolean;
  /** Extra raw routes (live stream, health) answered before Astro. */
  routes?: Record<string, NodeHandler>;
  log: Logger;
  now?: () => number;
}

const CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=60';
const DROP = new Set(['content-length', 'content-encoding', 'set-cookie', 'date', 'connection', 'transfer-encoding', 'cache-control', 'etag', 'vary']);

function storedHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) if (!DROP.has(k)) out[k] = h[k];
  return out;
}

function jsonError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message } }));
}

function serveEntry(req: IncomingMessage, res: ServerResponse, e: CachedResponse, path: string): void {
  const h: Record<string, string> = { ...e.headers, etag: e.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', 'x-cache': 'hit' };
  if (isCorsPath(path)) h['access-control-allow-origin'] = '*';
  if (e.status === 200 && req.headers['if-none-match'] === e.etag) {
    res.writeHead(304, h);
    res.end();
    return;
  }
  const { body, encoding } = chooseEncoding(req.headers['accept-encoding'] as string | undefined, e);
  if (encoding) h['content-encoding'] = encoding;
  h['content-length'] = String(body.length);
  res.writeHead(e.status, h);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Builds the request listener. */
export function createFrontHandler(o: FrontOptions): NodeHandler {
  const now = o.now ?? Date.now;
  return async (req, res) => {
    const started = performance.now();
    applyHeaders(res, o.headers);
    res.on('finish', () => o.log.request(req, res.statusCode, performance.now() - started));
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);

    const route = o.routes?.[path];
    if (route) return route(req, res);

    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const len = Number(req.headers['content-length'] ?? NaN);
      if (req.headers['transfer-encoding'] && Number.isNaN(len)) return jsonError(res, 411, 'length_required', 'Send a Content-Length header.');
      if (len > o.maxBodyBytes) return jsonError(res, 413, 'payload_too_large', `The body is larger than ${o.maxBodyBytes} bytes.`);
    }
    if (method === 'OPTIONS' && isCorsPath(path)) {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '86400' });
      return res.end();
    }

    const key = method === 'GET' || method === 'HEAD' ? publicCacheKey(url) : null;
    if (key === null || o.isSignedIn(req)) return o.astro(req, res);

    const version = currentVersion();
    const hit = o.cache.get(key, version, now());
    if (hit) return serveEntry(req, res, hit, path);

    if (method === 'HEAD') return o.astro(req, res);

    const entry = await o.cache.render(key, async () => {
      const capture = new CaptureResponse(req);
      await o.astro(req, capture as unknown as ServerResponse);
      const r = await capture.done;
      return makeEntry(version, { ...r, headers: storedHeaders(r.headers) }, now());
    });
    if (entry) return serveEntry(req, res, { ...entry, headers: { ...entry.headers, 'x-cache': 'miss' } }, path);
    return jsonError(res, 503, 'unavailable', 'The page could not be rendered; try again.');
  };
}
