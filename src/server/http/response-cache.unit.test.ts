import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeEntry, ResponseCache } from './response-cache';

const html = { 'content-type': 'text/html; charset=utf-8' };
// Not a compressible type: each entry costs about its body size.
const entry = (bytes: number, status = 200, version = 1) => makeEntry(version, { status, headers: { 'content-type': 'image/png' }, body: randomBytes(bytes) }, 0);

describe('ResponseCache byte bound', () => {
  it('evicts the least recently used entries so the total stays under the cap', async () => {
    const cap = 200_000;
    const cache = new ResponseCache(cap);
    for (let i = 0; i < 50; i++) {
      cache.store(`/incidents/${i}`, await entry(10_000));
      expect(cache.bytes).toBeLessThanOrEqual(cap);
    }
    expect(cache.size).toBeGreaterThan(10);
    expect(cache.size).toBeLessThan(20);
    expect(cache.get('/incidents/0', 1, 0)).toBeUndefined();
    expect(cache.get('/incidents/49', 1, 0)).toBeDefined();
  });

  it('keeps a recently read entry and evicts an older one', async () => {
    const cache = new ResponseCache(50_000);
    cache.store('/', await entry(15_000));
    cache.store('/history', await entry(15_000));
    cache.get('/', 1, 0);
    cache.store('/sla', await entry(15_000));
    cache.store('/maintenance', await entry(15_000));
    expect(cache.get('/', 1, 0)).toBeDefined();
    expect(cache.get('/history', 1, 0)).toBeUndefined();
  });

  it('keeps a page that is read between stores, however many other pages pass through', async () => {
    const cache = new ResponseCache(105_000); // ten entries of 10 KB
    cache.store('/hot', await entry(10_000));
    for (let i = 0; i < 60; i++) {
      cache.store(`/incidents/${i}`, await entry(10_000));
      for (let r = 0; r < 3; r++) expect(cache.get('/hot', 1, 0), `after ${i + 1} other pages`).toBeDefined();
    }
    expect(cache.get('/incidents/0', 1, 0)).toBeUndefined();
    expect(cache.get('/incidents/59', 1, 0)).toBeDefined();
  });

  it('does not store an entry larger than the cap, and replaces an entry without counting it twice', async () => {
    const cache = new ResponseCache(20_000);
    cache.store('/big', await entry(30_000));
    expect(cache.size).toBe(0);
    cache.store('/', await entry(5_000));
    const once = cache.bytes;
    cache.store('/', await entry(5_000));
    expect(cache.bytes).toBe(once);
  });

  it('drops an entry from an older version when it is looked up', async () => {
    const cache = new ResponseCache(100_000);
    cache.store('/', await entry(5_000, 200, 1));
    expect(cache.get('/', 2, 0)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('stores identical 404 bodies once: 10,000 unknown slugs cost only their keys', async () => {
    const cache = new ResponseCache(32 * 1024 * 1024);
    const body = randomBytes(20_000);
    const notFound = await makeEntry(1, { status: 404, headers: html, body }, 0);
    for (let i = 0; i < 10_000; i++) cache.store(`/components/unknown-${i}`, { ...notFound });
    expect(cache.size).toBe(10_000);
    expect(cache.bytes).toBeLessThan(20_000 + 10_000 * 1200);
    expect(cache.get('/components/unknown-7', 1, 0)?.identity).toBe(cache.get('/components/unknown-9', 1, 0)?.identity);
  });

  it('stays under the cap for 120,000 distinct long keys', async () => {
    const cap = 4 * 1024 * 1024;
    const cache = new ResponseCache(cap);
    const notFound = await makeEntry(1, { status: 404, headers: html, body: randomBytes(3_000) }, 0);
    for (let i = 0; i < 120_000; i++) cache.store(`/components/${'x'.repeat(500)}-${i}`, { ...notFound });
    expect(cache.bytes).toBeLessThanOrEqual(cap);
    expect(cache.size).toBeLessThan(cap / 2_000);
  });
});
