/** Rendered public responses kept pre-compressed until the change counter moves; concurrent misses share one render. */
// Decision: docs/decisions/016-cache-invalidation-by-change-log.md
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export interface CachedResponse {
  version: number;
  storedAt: number;
  status: number;
  headers: Record<string, string>;
  etag: string;
  identity: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
}

export interface RenderResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript)|image\/svg\+xml)/;

/** Builds a cache entry: weak ETag from the counter and the body's hash, gzip and brotli variants. */
export async function makeEntry(version: number, r: RenderResult, now: number): Promise<CachedResponse> {
  const hash = createHash('sha1').update(r.body).digest('base64url').slice(0, 12);
  const type = r.headers['content-type'] ?? '';
  // Error pages are small and, under a flood of unknown URLs, each distinct: not worth two compressions.
  const compress = r.status === 200 && r.body.length > 512 && COMPRESSIBLE.test(type);
  const [gz, br] = compress
    ? await Promise.all([
        gzip(r.body, { level: 6 }),
        brotli(r.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: r.body.length } }),
      ])
    : [null, null];
  return { version, storedAt: now, status: r.status, headers: r.headers, etag: `W/"${version}-${hash}"`, identity: ownBuffer(r.body), gzip: gz && ownBuffer(gz), br: br && ownBuffer(br) };
}

/** A small Buffer is a slice of a shared 8 KB pool; keeping it would keep the whole pool slab alive. */
function ownBuffer(b: Buffer): Buffer {
  if (b.byteOffset === 0 && b.buffer.byteLength === b.length) return b;
  const own = Buffer.allocUnsafeSlow(b.length);
  b.copy(own);
  return own;
}

/** Per-entry bookkeeping beyond the bodies (object, header lists, map slot), counted against the byte cap. */
const ENTRY_OVERHEAD = 1024;
const DEFAULT_CACHE_MAX_BYTES = 32 * 1024 * 1024;

function sizeOf(key: string, e: CachedResponse): number {
  let headers = 0;
  for (const k in e.headers) headers += k.length + e.headers[k].length;
  return ENTRY_OVERHEAD + 2 * key.length + headers + e.identity.length + (e.gzip?.length ?? 0) + (e.br?.length ?? 0);
}

/**
 * An LRU bounded in bytes, plus in-flight renders keyed like the entries. Identical 404 bodies (a flood of
 * unknown slugs) share one set of buffers, so each extra key costs only its own bookkeeping.
 */
export class ResponseCache {
  private entries = new Map<string, { entry: CachedResponse; bytes: number; touched: number }>();
  /** Counts moves to the newest end of `entries` (stores and refreshes). */
  private seq = 0;
  private inflight = new Map<string, Promise<CachedResponse | null>>();
  private shared404: CachedResponse | null = null;
  private total = 0;
  renders = 0;
  hits = 0;

  constructor(
    private readonly maxBytes = DEFAULT_CACHE_MAX_BYTES,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** A fresh entry for key at version, or undefined. */
  get(key: string, version: number, now: number): CachedResponse | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    if (slot.entry.version !== version || now - slot.entry.storedAt > this.maxAgeMs) {
      if (slot.entry.version < version) this.remove(key);
      return undefined;
    }
    // Refresh the LRU position, unless the entry already sits in the newer half (at most `seq - touched`
    // entries were moved behind it since): a hot page then costs no map writes.
    if (this.seq - slot.touched >= this.entries.size >> 1) {
      this.entries.delete(key);
      this.entries.set(key, slot);
      slot.touched = ++this.seq;
    }
    this.hits++;
    return slot.entry;
  }

  /** Returns the shared render for key, starting it when none is in flight (`joined` tells which); stores it when its status is one of statuses. */
  async render(key: string, version: number, statuses: readonly number[], start: () => Promise<CachedResponse | null>): Promise<{ entry: CachedResponse | null; joined: boolean }> {
    // A render started before a change must not answer requests that arrive after it.
    const flight = `${version}@${key}`;
    const pending = this.inflight.get(flight);
    if (pending) return { entry: await pending, joined: true };
    this.renders++;
    const p = start()
      .then((entry) => {
        if (entry && statuses.includes(entry.status)) this.store(key, entry);
        return entry;
      })
      .finally(() => this.inflight.delete(flight));
    this.inflight.set(flight, p);
    return { entry: await p, joined: false };
  }

  /** Stores entry under key, evicting the least recently used entries beyond the byte cap. */
  store(key: string, entry: CachedResponse): void {
    const existing = this.entries.get(key);
    if (existing && existing.entry.version > entry.version) return;
    let bytes = sizeOf(key, entry);
    if (entry.status === 404) {
      const shared = this.shared404;
      if (shared && shared.etag === entry.etag) {
        entry = { ...entry, identity: shared.identity, gzip: shared.gzip, br: shared.br };
        bytes = ENTRY_OVERHEAD + 2 * key.length;
      } else this.shared404 = entry;
    }
    if (existing) this.remove(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { entry, bytes, touched: ++this.seq });
    this.total += bytes;
    for (const [oldest] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const slot = this.entries.get(key);
    if (!slot) return;
    this.entries.delete(key);
    this.total -= slot.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
    this.shared404 = null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes counted against the cap. */
  get bytes(): number {
    return this.total;
  }
}

/** Picks the best stored encoding the client accepts. */
export function chooseEncoding(accept: string | undefined, e: Pick<CachedResponse, 'identity' | 'gzip' | 'br'>): { body: Buffer; encoding: string | null } {
  const a = accept ?? '';
  if (e.br && /\bbr\b/.test(a)) return { body: e.br, encoding: 'br' };
  if (e.gzip && /\bgzip\b/.test(a)) return { body: e.gzip, encoding: 'gzip' };
  return { body: e.identity, encoding: null };
}
