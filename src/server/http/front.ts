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
import { applyHeaders, nonDocumentHeaders } from './security-headers';

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
  /** The committed change counter (default: this process's view, which lags other processes' writes by a poll). */
  version?: () => number;
}

// Browsers revalidate every time (a cheap 304 by ETag); a CDN may serve a copy for 10 s, stale for 30 s more.
const CACHE_CONTROL = 'public, max-age=0, s-maxage=10, stale-while-revalidate=30';
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

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

type CacheState = 'hit' | 'miss' | 'coalesced';

/** Flat raw header list for one stored encoding, computed once per entry and state. */
function headerList(e: CachedResponse, path: string, state: CacheState, security: Record<string, string>, encoding: string | null, length: number | null): string[] {
  const h: Record<string, string> = { ...security, ...e.headers, etag: e.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', 'x-cache': state };
  if (length !== null) h['content-length'] = String(length);
  if (isCorsPath(path)) h['access-control-allow-origin'] = '*';
  if (encoding) h['content-encoding'] = encoding;
  return Object.entries(h).flat();
}

const prepared = new WeakMap<CachedResponse, Map<string, string[]>>();

function serveEntry(req: IncomingMessage, res: ServerResponse, e: CachedResponse, path: string, state: CacheState, security: Record<string, string>): void {
  const { body, encoding } = chooseEncoding(req.headers['accept-encoding'] as string | undefined, e);
  let byVariant = prepared.get(e);
  if (!byVariant) prepared.set(e, (byVariant = new Map()));
  const notModified = e.status === 200 && req.headers['if-none-match'] === e.etag;
  const variant = `${state}:${encoding}:${notModified}`;
  let headers = byVariant.get(variant);
  if (!headers) byVariant.set(variant, (headers = headerList(e, path, state, security, notModified ? null : encoding, notModified ? null : body.length)));
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(e.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Builds the request listener. */
export function createFrontHandler(o: FrontOptions): NodeHandler {
  const now = o.now ?? Date.now;
  const readVersion = o.version ?? currentVersion;
  const dataHeaders = nonDocumentHeaders(o.headers);
  const securityFor = (e: CachedResponse) => ((e.headers['content-type'] ?? '').startsWith('text/html') ? o.headers : dataHeaders);
  return async (req, res) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';

    // Fast path: an anonymous GET of a public page that is in the cache at the current version.
    const key = method === 'GET' || method === 'HEAD' ? publicCacheKey(url) : null;
    const anonymous = key !== null && !(req.headers.cookie && o.isSignedIn(req));
    if (key !== null && anonymous) {
      const hit = o.cache.get(key, readVersion(), now());
      if (hit) {
        const started = performance.now();
        serveEntry(req, res, hit, pathOf(url), 'hit', securityFor(hit));
        o.log.request(req, res.statusCode, performance.now() - started);
        return;
      }
    }

    const started = performance.now();
    applyHeaders(res, o.headers);
    res.on('finish', () => o.log.request(req, res.statusCode, performance.now() - started));
    const path = pathOf(url);
    // The WHATWG Request that Astro builds throws on these methods (a 500); refuse them here.
    if (FORBIDDEN_METHODS.has(method)) {
      res.setHeader('allow', 'GET, HEAD, OPTIONS, POST');
      return jsonError(res, 405, 'method_not_allowed', `${method} is not supported.`);
    }

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

    if (key === null || !anonymous || method === 'HEAD') return o.astro(req, res);

    const version = readVersion();
    const { entry, joined } = await o.cache.render(key, version, async () => {
      const capture = new CaptureResponse(req);
      await o.astro(req, capture as unknown as ServerResponse);
      const r = await capture.done;
      return makeEntry(version, { ...r, headers: storedHeaders(r.headers) }, now());
    });
    if (entry) {
      for (const k in o.headers) res.removeHeader(k);
      return serveEntry(req, res, entry, path, joined ? 'coalesced' : 'miss', securityFor(entry));
    }
    return jsonError(res, 503, 'unavailable', 'The page could not be rendered; try again.');
  };
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
