/** Who may open another live stream: a cap per client and one for the process, so no client starves the others. */

export interface StreamLimits {
  /** Open streams one client (an IPv4 address, an IPv6 /64) may hold. */
  perClient: number;
  /** Open streams in all, kept below the process's descriptor limit. */
  total: number;
}

export interface StreamRefusal {
  status: 429 | 503;
  code: 'too_many_streams' | 'streams_full';
  message: string;
  /** Seconds the browser script polls the page for before it tries the stream again. */
  retryAfterSeconds: number;
}

const STREAM_RETRY_AFTER_SECONDS = 30;
/** Above this many streams memory, not descriptors, is the limit (about 20 KB each). */
const MAX_DEFAULT_STREAMS = 20_000;

/** Why one more stream is refused (this client's cap first, then the process's), or null to admit it. */
export function streamRefusal(open: { total: number; client: number }, limits: StreamLimits): StreamRefusal | null {
  const retryAfterSeconds = STREAM_RETRY_AFTER_SECONDS;
  if (open.client >= limits.perClient) {
    return { status: 429, code: 'too_many_streams', message: `At most ${limits.perClient} live streams per client; the page polls instead.`, retryAfterSeconds };
  }
  if (open.total >= limits.total) return { status: 503, code: 'streams_full', message: 'The live stream is full; the page polls instead.', retryAfterSeconds };
  return null;
}

/**
 * The default process-wide cap from the open-file limit: a quarter of it (at least 128) stays for ordinary requests,
 * the database and logs. An unknown limit is taken as Linux's usual 1,024.
 */
export function defaultStreamCap(openFileLimit: number | null): number {
  const limit = openFileLimit && openFileLimit > 0 ? openFileLimit : 1024;
  return Math.max(1, Math.min(MAX_DEFAULT_STREAMS, limit - Math.max(128, Math.floor(limit / 4))));
}

/** Below this many closed streams their garbage is too small to be worth a collection of its own. */
const MIN_CLOSED_FOR_COLLECTION = 1000;

/**
 * Whether the streams closed since the last collection are worth asking for one: at least 1,000 of them and at least
 * as many as are still open, so the freed memory is a large share of what streams hold and a second wave reuses it
 * instead of growing the heap (V8 would collect it only once the heap had grown by about as much again).
 */
export function collectAfterClosing(closedSinceCollection: number, open: number): boolean {
  return closedSinceCollection >= Math.max(MIN_CLOSED_FOR_COLLECTION, open);
}
