/** Rendered public responses kept pre-compressed until the change counter moves; concurrent misses share one render. */
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
  const compress = r.body.length > 512 && COMPRESSIBLE.test(type);
  const [gz, br] = compress
    ? await Promise.all([
        gzip(r.body, { level: 6 }),
        brotli(r.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: r.body.length } }),
      ])
    : [null, null];
  return { version, storedAt: now, status: r.status, headers: r.headers, etag: `W/"${version}-${hash}"`, identity: r.body, gzip: gz, br };
}

/** A bounded LRU of entries plus in-flight renders keyed like the entries. */
export class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private inflight = new Map<string, Promise<CachedResponse | null>>();
  renders = 0;
  hits = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** A fresh entry for key at version, or undefined. */
  get(key: string, version: number, now: number): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e || e.version !== version || now - e.storedAt > this.maxAgeMs) return undefined;
    // refresh LRU position
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  /** Returns the shared render for key, starting it when none is in flight (`joined` tells which). */
  async render(key: string, version: number, start: () => Promise<CachedResponse | null>): Promise<{ entry: CachedResponse | null; joined: boolean }> {
    // A render started before a change must not answer requests that arrive after it.
    const flight = `${version}@${key}`;
    const pending = this.inflight.get(flight);
    if (pending) return { entry: await pending, joined: true };
    this.renders++;
    const p = start()
      .then((entry) => {
        if (entry && (entry.status === 200 || entry.status === 404)) this.store(key, entry);
        return entry;
      })
      .finally(() => this.inflight.delete(flight));
    this.inflight.set(flight, p);
    return { entry: await p, joined: false };
  }

  private store(key: string, entry: CachedResponse): void {
    const existing = this.entries.get(key);
    if (existing && existing.version > entry.version) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Picks the best stored encoding the client accepts. */
export function chooseEncoding(accept: string | undefined, e: CachedResponse): { body: Buffer; encoding: string | null } {
  const a = accept ?? '';
  if (e.br && /\bbr\b/.test(a)) return { body: e.br, encoding: 'br' };
  if (e.gzip && /\bgzip\b/.test(a)) return { body: e.gzip, encoding: 'gzip' };
  return { body: e.identity, encoding: null };
}
