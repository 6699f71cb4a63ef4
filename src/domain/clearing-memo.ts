/**
 * A memo for small pure results whose keys a client can vary freely (paths, dates, colours): it empties itself
 * when it holds `max` entries, so it stays bounded without the bookkeeping of an LRU, and a hot key is back after
 * one recomputation.
 */
export class ClearingMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  /** The kept value for key, or compute(key), kept. Pass a function that captures nothing on hot paths. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const kept = this.entries.get(key);
    return kept !== undefined ? kept : this.set(key, compute(key));
  }

  get size(): number {
    return this.entries.size;
  }
}
