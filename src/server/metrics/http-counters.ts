/** In-process tallies of HTTP requests (by route and status) and of the front cache, read by /metrics. */
import { ClearingMemo } from '../../domain/clearing-memo';
import { publicRouteOf } from '../auth/guard';

export type CacheResult = 'hit' | 'miss' | 'coalesced';

interface Tallies {
  requests: Map<string, number>;
  cache: Map<CacheResult, number>;
}

// On globalThis: the front server and Astro's bundle are separate modules sharing one process.
const KEY = Symbol.for('statuspage.http-counters');
type G = typeof globalThis & { [KEY]?: Tallies };

function tallies(): Tallies {
  const g = globalThis as G;
  return (g[KEY] ??= { requests: new Map(), cache: new Map() });
}

const PREFIXES = ['/admin', '/api/v1', '/_astro', '/js', '/css'];

/** A bounded label for a canonical path: its route pattern, a known area, or "other" (never the raw path). */
export function routeLabel(path: string, status: number): string {
  if (status === 404) return 'unmatched';
  if (path === '/api/stream' || path === '/healthz' || path === '/api/response-times.json') return path;
  const route = publicRouteOf(path);
  if (route) return route;
  return PREFIXES.find((p) => path === p || path.startsWith(`${p}/`)) ?? 'other';
}

// Tally keys of recent short paths by status: a busy page is counted with two lookups and no string building.
const keys = new ClearingMemo<string, Map<number, string>>(1024);
const KEYED_PATH_MAX = 200;

const UNMATCHED = `${routeLabel('/', 404)}\n404`;

function tallyKey(path: string, status: number): string {
  // Unknown URLs are answered 404 and would only churn the map.
  if (status === 404) return UNMATCHED;
  let byStatus = keys.get(path);
  if (byStatus === undefined) {
    if (path.length > KEYED_PATH_MAX) return `${routeLabel(path, status)}\n${status}`;
    byStatus = keys.set(path, new Map());
  }
  let k = byStatus.get(status);
  if (k === undefined) byStatus.set(status, (k = `${routeLabel(path, status)}\n${status}`));
  return k;
}

/** Counts one answered request; `cache` is set when the public cache answered or filled it. */
export function countRequest(path: string, status: number, cache: CacheResult | null): void {
  const t = tallies();
  const k = tallyKey(path, status);
  t.requests.set(k, (t.requests.get(k) ?? 0) + 1);
  if (cache) t.cache.set(cache, (t.cache.get(cache) ?? 0) + 1);
}

/** The tallies so far, as label sets with counts. */
export function httpTallies(): { requests: { route: string; status: string; n: number }[]; cache: { result: CacheResult; n: number }[] } {
  const t = tallies();
  return {
    requests: [...t.requests].map(([k, n]) => {
      const [route, status] = k.split('\n');
      return { route, status, n };
    }),
    cache: [...t.cache].map(([result, n]) => ({ result, n })),
  };
}
