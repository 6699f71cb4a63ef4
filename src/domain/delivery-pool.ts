/**
 * The webhook worker's pool: which due deliveries to start now so that no receiver delays another. At most
 * `perOrigin` in flight to one receiver (scheme, host, port), and suspect ones (retries, or to a receiver that is
 * failing) hold at most `suspectSlots`, so fresh deliveries to healthy receivers always find a free slot.
 */
// Decision: docs/decisions/029-fair-queues.md

export interface PoolLimits {
  /** Deliveries in flight at once. */
  slots: number;
  perOrigin: number;
  /** Of those, how many may be suspect. */
  suspectSlots: number;
}

export interface InFlight {
  total: number;
  suspect: number;
  byOrigin: ReadonlyMap<string, number>;
}

export interface Candidate {
  origin: string;
  suspect: boolean;
}

/** Limits from the configured pool size: half the pool, at least one slot, may hold suspect deliveries. */
export function poolLimits(slots: number, perOrigin: number): PoolLimits {
  return { slots, perOrigin, suspectSlots: Math.max(1, Math.floor(slots / 2)) };
}

/** Where a delivery goes, for the per-receiver limit: `scheme://host:port` (an unparsable URL is its own receiver). */
export function deliveryOrigin(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
    return `${u.protocol}//${u.hostname}:${port}`;
  } catch {
    return url;
  }
}

/** A retry, or a delivery to a receiver that is failing, waits behind fresh deliveries to healthy receivers. */
export function isSuspect(d: { attempts: number; failingSince: number | null }): boolean {
  return d.attempts > 0 || d.failingSince !== null;
}

/** The candidates (in claim order) to start now, within the free slots and each receiver's and the suspects' share. */
export function pickDeliveries<T extends Candidate>(candidates: readonly T[], inFlight: InFlight, limits: PoolLimits): T[] {
  const byOrigin = new Map(inFlight.byOrigin);
  let total = inFlight.total;
  let suspect = inFlight.suspect;
  const picked: T[] = [];
  for (const c of candidates) {
    if (total >= limits.slots) break;
    if ((byOrigin.get(c.origin) ?? 0) >= limits.perOrigin) continue;
    if (c.suspect && suspect >= limits.suspectSlots) continue;
    picked.push(c);
    total++;
    if (c.suspect) suspect++;
    byOrigin.set(c.origin, (byOrigin.get(c.origin) ?? 0) + 1);
  }
  return picked;
}
