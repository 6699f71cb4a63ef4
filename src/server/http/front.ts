/**
 * The node:http layer in front of Astro: canonicalises the path and refuses odd methods before anything else,
 * answers cached public GETs and static assets itself (Astro's pipeline tops out near 2–3 k req/s), streams
 * live updates, caps bodies, sets security headers, decides the client IP, and hands the rest to Astro.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { notModified as ifNoneMatchHits } from '../../domain/conditional';
import { currentVersion } from '../changes';
import type { Logger } from '../log';
import { accessFor, isPublicRoute } from '../auth/guard';
import { canonicalize, type Canonical } from './canonical';
import { CaptureResponse } from './capture';
import { clientIp } from './client-ip';
import { allowedMethods } from './methods';
import { serveStatic, type StaticFiles } from './static-files';
import { chooseEncoding, makeEntry, ResponseCache, type CachedResponse } from './response-cache';
import { isCorsPath, publicCacheKey } from './public-paths';
import { applyHeaders, nonDocumentHeaders } from './security-headers';
import { ALL, tagsForPath } from './cache-tags';
import { ClearingMemo } from '../../domain/clearing-memo';
import { isExportRequest } from './export-request';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;
/** The front listener: returns a promise only when the request went past the cache. */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/**
 * Astro copies its Response's statusText to the status line, and a page that sets `Astro.response.status = 422`
 * keeps the "OK" of the 200 it started as ("HTTP/1.1 422 OK"); our responses never carry a custom reason, so the
 * status line always gets the standard phrase for its code.
 */
function withStandardReason(res: ServerResponse): ServerResponse {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusMessage = STATUS_CODES[status] ?? '';
    return writeHead(status, ...(typeof rest[0] === 'string' ? rest.slice(1) : rest));
  });
  return res;
}

/** @astrojs/node's handler in middleware mode: locals become `Astro.locals` before src/middleware.ts runs. */
export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: undefined, locals: { ip: string | null; mirror: boolean }) => unknown;

export interface FrontOptions {
  astro: AstroHandler;
  /** Built client assets, answered from memory before Astro. */
  staticFiles?: StaticFiles;
  /** Take the client IP from the last X-Forwarded-For entry (TRUST_PROXY). */
  trustProxy: boolean;
  cache: ResponseCache;
  headers: Record<string, string>;
  maxBodyBytes: number;
  /** Paths whose forms carry more than maxBodyBytes (the subscriber import), allowed only to signed-in operators. */
  largeBodies?: Record<string, number>;
  /** True when the request carries a valid operator session (such requests bypass the cache). */
  isSignedIn: (req: IncomingMessage) => boolean;
  /** Extra raw routes (live stream, health) answered before Astro. */
  routes?: Record<string, NodeHandler>;
  log: Logger;
  /** Called once per answered request with its canonical path (raw for refused paths) and how the public cache took part. */
  onRequest?: (path: string, status: number, cache: CacheState | null) => void;
  now?: () => number;
  /** For a public page naming a component or incident: the kind that does not exist (its 404 is then shared), else null. */
  missing?: (path: string) => string | null;
  /** The committed change counter (default: this process's view, which lags other processes' writes by a poll). */
  version?: () => number;
  /** Issue 24: the page a Host names, as the cache sees it (default: one public page). */
  pageOf?: (host: string | undefined) => PageCacheScope;
  /** Raw routes that show a page's data (the live stream): refused on a page that is not public. */
  pageRoutes?: ReadonlySet<string>;
}

/** How a page takes part in the public cache: its entries' key prefix ('' for the default page), or not at all. */
export interface PageCacheScope {
  prefix: string;
  cacheable: boolean;
}

const ONE_PAGE: PageCacheScope = { prefix: '', cacheable: true };

// Browsers revalidate every time (a cheap 304 by ETag); a CDN may serve a copy for 10 s, stale for 30 s more,
// and for a day while the origin answers errors or not at all.
const NOT_FOUND = '!404';
const CACHE_CONTROL = 'public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400';
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


type CacheState = 'hit' | 'miss' | 'coalesced';

/** Flat raw header list for one stored encoding, computed once per entry and state. */
function headerList(e: CachedResponse, path: string, key: string, state: CacheState, security: Record<string, string>, encoding: string | null, length: number | null): string[] {
  const h: Record<string, string> = { ...security, ...e.headers, etag: e.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', 'x-cache': state };
  if (length !== null) h['content-length'] = String(length);
  // One shared 404 entry answers many paths: its tags cannot name any of them.
  const tags = key.startsWith(NOT_FOUND) ? [ALL, 'page:missing'] : tagsForPath(key);
  h['surrogate-key'] = tags.join(' ');
  h['cache-tag'] = tags.join(',');
  if (isCorsPath(path)) h['access-control-allow-origin'] = '*';
  if (encoding) h['content-encoding'] = encoding;
  return Object.entries(h).flat();
}

/** What one stored encoding answers with in one state: its raw header list and its body, ready to write. */
interface Variant {
  headers: string[];
  /** A small body as a one-byte string: node:http then writes headers and body as one string, not a writev. */
  body: string | Buffer | undefined;
}

/** Bodies up to this size are also kept as Latin-1 strings (a byte per character, the same bytes on the wire). */
const STRING_BODY_MAX = 16 * 1024;
const prepared = new WeakMap<CachedResponse, Map<number, Variant>>();
const STATE_CODE: Record<CacheState, number> = { hit: 0, miss: 1, coalesced: 2 };
const ENCODING_CODE: Record<string, number> = { br: 1, gzip: 2 };

function serveEntry(req: IncomingMessage, res: ServerResponse, e: CachedResponse, path: string, key: string, state: CacheState, security: Record<string, string>): void {
  const { body, encoding } = chooseEncoding(req.headers['accept-encoding'], e);
  let byVariant = prepared.get(e);
  if (!byVariant) prepared.set(e, (byVariant = new Map()));
  const notModified = e.status === 200 && ifNoneMatchHits(req.headers['if-none-match'], e.etag);
  const cors = isCorsPath(path);
  const code = STATE_CODE[state] | ((encoding ? ENCODING_CODE[encoding] : 0) << 2) | (notModified ? 16 : 0) | (cors ? 32 : 0);
  let v = byVariant.get(code);
  if (!v) {
    const headers = headerList(e, path, key, state, security, notModified ? null : encoding, notModified ? null : body.length);
    v = { headers, body: notModified ? undefined : body.length <= STRING_BODY_MAX ? body.toString('latin1') : body };
    byVariant.set(code, v);
  }
  res.writeHead(notModified ? 304 : e.status, v.headers);
  if (req.method === 'HEAD' || v.body === undefined) res.end();
  else if (typeof v.body === 'string') res.end(v.body, 'latin1');
  else res.end(v.body);
}

/** A request target already canonicalised, with its public cache key (null: not publicly cacheable). */
interface Target {
  path: string;
  search: string;
  key: string | null;
}

/**
 * Canonical targets of public pages seen lately, so a busy page costs one map lookup. Only short targets with a
 * real cache key are kept (a flood of unknown or long URLs must not fill it), and the map empties when full.
 */
const TARGETS_MAX = 1024;
const TARGET_MAX_LENGTH = 200;

/** Builds the request listener. */
export function createFrontHandler(o: FrontOptions): FrontHandler {
  const now = o.now ?? Date.now;
  const readVersion = o.version ?? currentVersion;
  const dataHeaders = nonDocumentHeaders(o.headers, { links: false });
  const svgHeaders = nonDocumentHeaders(o.headers, { links: true });
  const securityFor = (e: CachedResponse) => {
    const type = e.headers['content-type'] ?? '';
    return type.startsWith('text/html') ? o.headers : type.startsWith('image/svg+xml') ? svgHeaders : dataHeaders;
  };
  /** A path no route answers (unknown to the router and to the guard) shares one cached 404 page. */
  const cacheKey = (path: string, search: string): string | null => {
    const key = publicCacheKey(path + search);
    if (key !== null) return key;
    if (o.routes?.[path] || o.staticFiles?.has(path) || isPublicRoute(path) || accessFor(path) !== 'public') return null;
    return NOT_FOUND;
  };
  const targets = new ClearingMemo<string, Target>(TARGETS_MAX);
  const resolve = (url: string): Target | Exclude<Canonical, { kind: 'ok' }> => {
    const known = targets.get(url);
    if (known) return known;
    const c = canonicalize(url);
    if (c.kind !== 'ok') return c;
    const t: Target = { path: c.path, search: c.search, key: cacheKey(c.path, c.search) };
    if (t.key !== null && t.key !== NOT_FOUND && url.length <= TARGET_MAX_LENGTH) targets.set(url, t);
    return t;
  };

  /** Everything but a cache hit: refusals, raw routes, static files, Astro, and renders into the cache. */
  const rest = async (req: IncomingMessage, res: ServerResponse, method: string, t: Target, key: string | null, anonymous: boolean, version: number, started: number, page: PageCacheScope): Promise<void> => {
    const { path } = t;
    // Query strings of other routes may carry secrets (tokens, next=): logged only as the cache key keeps them.
    const logged = key === null || key.startsWith(NOT_FOUND) ? path : key;
    let cacheState: CacheState | null = null;
    res.on('finish', () => {
      o.log.request(method, logged, res.statusCode, performance.now() - started);
      o.onRequest?.(path, res.statusCode, cacheState);
    });
    const allow = allowedMethods(path);
    if (!allow.includes(method)) {
      applyHeaders(res, dataHeaders);
      res.setHeader('allow', allow.join(', '));
      return refuse(res, path, 405, 'method_not_allowed', `${method} is not allowed here; use ${allow.join(', ')}.`);
    }
    if (method === 'OPTIONS') {
      applyHeaders(res, dataHeaders);
      const cors = isCorsPath(path) ? { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '86400' } : {};
      res.writeHead(204, { allow: allow.join(', '), ...cors });
      return void res.end();
    }

    const route = o.routes?.[path];
    // Raw routes answer JSON or an event stream, never a document: the short set, held by every open stream.
    applyHeaders(res, route ? dataHeaders : o.headers);
    if (route && !page.cacheable && o.pageRoutes?.has(path)) return refuse(res, '/api/', 401, 'unauthorized', 'This status page is private: sign in to view it.');
    if (route) return void (await route(req, res));
    if ((method === 'GET' || method === 'HEAD') && o.staticFiles && serveStatic(o.staticFiles, path, req, res)) return;

    if (method !== 'GET' && method !== 'HEAD') {
      const len = Number(req.headers['content-length'] ?? NaN);
      if (req.headers['transfer-encoding'] && Number.isNaN(len)) return jsonError(res, 411, 'length_required', 'Send a Content-Length header.');
      const limit = bodyLimit(o, path, req);
      if (len > limit) return jsonError(res, 413, 'payload_too_large', `The body is larger than ${limit} bytes.`);
    }

    // Handed to Astro as locals (adapter in middleware mode): no request header can carry or forge them. A page may
    // read differently for the static export (`mirror`) only when it is not publicly cached, so live visitors never
    // get the mirror's copy.
    const locals = { ip: clientIp(req, o.trustProxy), mirror: key === null && isExportRequest(req) };
    if (key === null || !anonymous || method === 'HEAD') return void (await o.astro(req, withStandardReason(res), undefined, locals));

    const { entry, joined } = await o.cache.render(page.prefix + key, version, key.startsWith(NOT_FOUND) ? [404] : [200, 404], async () => {
      const capture = new CaptureResponse(req);
      await o.astro(req, capture as unknown as ServerResponse, undefined, locals);
      const r = await capture.done;
      return makeEntry(version, { ...r, headers: storedHeaders(r.headers) }, now());
    });
    if (entry) {
      for (const k in o.headers) res.removeHeader(k);
      cacheState = joined ? 'coalesced' : 'miss';
      return serveEntry(req, res, entry, path, key, cacheState, securityFor(entry));
    }
    return jsonError(res, 503, 'unavailable', 'The page could not be rendered; try again.');
  };

  // Synchronous up to a cache hit (no promise per hit); a promise only when the request goes further.
  return (req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const t = resolve(req.url ?? '/');
    if ('kind' in t) return refuseTarget(req, res, method, t, started);
    const { path } = t;

    // Fast path: an anonymous GET of a public page that is in the cache at the current version.
    const page = o.pageOf?.(req.headers.host) ?? ONE_PAGE;
    // A private page is never cached here: every request goes through its access check.
    let key = (method === 'GET' || method === 'HEAD') && page.cacheable ? t.key : null;
    const anonymous = key !== null && !(req.headers.cookie && o.isSignedIn(req));
    const version = readVersion();
    if (key !== null && anonymous) {
      let hit = o.cache.get(page.prefix + key, version, now());
      // Read after the version: a thing created meanwhile moves the version, so a stale shared 404 is never served.
      const missing = hit || !o.missing ? null : o.missing(path);
      if (missing) hit = o.cache.get(page.prefix + (key = `${NOT_FOUND}:${missing}`), version, now());
      if (hit) {
        serveEntry(req, res, hit, path, key, 'hit', securityFor(hit));
        o.log.request(method, key.startsWith(NOT_FOUND) ? path : key, res.statusCode, performance.now() - started);
        o.onRequest?.(path, res.statusCode, 'hit');
        return;
      }
    }
    return rest(req, res, method, t, key, anonymous, version, started, page);
  };

  /** A target that is not canonical: a redirect to its canonical spelling, or a refusal. */
  function refuseTarget(req: IncomingMessage, res: ServerResponse, method: string, c: Exclude<Canonical, { kind: 'ok' }>, started: number): void {
    const raw = req.url ?? '';
    res.on('finish', () => {
      o.log.request(method, pathOf(raw), res.statusCode, performance.now() - started);
      o.onRequest?.(pathOf(raw), res.statusCode, null);
    });
    applyHeaders(res, dataHeaders);
    if (c.kind === 'redirect' && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(301, { location: c.location, 'content-type': 'text/plain; charset=utf-8' });
      return void res.end(method === 'HEAD' ? undefined : `Moved to ${c.location}\n`);
    }
    const reason = c.kind === 'redirect' ? `Send this request to the canonical path ${pathOf(c.location)}.` : c.reason;
    return refuse(res, raw, 400, 'bad_path', reason);
  }
}

/** A short refusal: JSON for API paths, plain text for pages. */
function refuse(res: ServerResponse, path: string, status: number, code: string, message: string): void {
  if (path.startsWith('/api/')) return jsonError(res, status, code, message);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The body size a request may send: a larger one only to its own path and only with a valid session. */
function bodyLimit(o: Pick<FrontOptions, 'maxBodyBytes' | 'largeBodies' | 'isSignedIn'>, path: string, req: IncomingMessage): number {
  const large = o.largeBodies?.[path];
  return large !== undefined && large > o.maxBodyBytes && req.headers.cookie && o.isSignedIn(req) ? large : o.maxBodyBytes;
}
