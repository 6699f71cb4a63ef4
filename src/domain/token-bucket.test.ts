import { describe, expect, it } from 'vitest';
import { takeTokens, type Bucket } from './token-bucket';

const rule = { capacity: 100, perSecond: 10 };

describe('takeTokens', () => {
  it.each<[string, Bucket | undefined, number, number, boolean, number, number]>([
    // name, bucket, cost, now, ok, tokens after, retry after
    ['a new bucket is full', undefined, 100, 0, true, 0, 0],
    ['a cost over what is left is refused, with the wait until it fits', { tokens: 5, at: 0 }, 25, 0, false, 5, 2000],
    ['tokens come back with time', { tokens: 0, at: 0 }, 20, 2000, true, 0, 0],
    ['never past the capacity', { tokens: 90, at: 0 }, 100, 60_000, true, 0, 0],
    ['a clock going backwards refills nothing', { tokens: 10, at: 5000 }, 20, 1000, false, 10, 1000],
    ['a cost over the capacity never fits', undefined, 101, 0, false, 100, Infinity],
  ])('%s', (_name, bucket, cost, now, ok, after, retry) => {
    const t = takeTokens(bucket, cost, now, rule);
    expect([t.ok, t.bucket.tokens, t.retryAfterMs]).toEqual([ok, after, retry]);
  });
});
