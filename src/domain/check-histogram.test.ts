import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCheck, bucketIndex, CHECK_LATENCY_BUCKETS_S, cumulativeBuckets, EMPTY_CHECK_TOTALS, parseBuckets, type CheckResult } from './check-histogram';

describe('bucketIndex: the first bound the latency does not exceed', () => {
  it.each([
    [0, 0],
    [0.05, 0],
    [0.0501, 1],
    [0.1, 1],
    [0.3, 3],
    [1, 4],
    [9.99, 7],
    [10, 7],
    [10.01, 8],
    [600, 8],
  ])('%s s → bucket %i', (s, i) => expect(bucketIndex(s)).toBe(i));
});

describe('addCheck', () => {
  it('counts the result and observes the latency in seconds', () => {
    const t = addCheck(addCheck(EMPTY_CHECK_TOTALS, 'up', 120), 'down', null);
    expect(t).toMatchObject({ up: 1, down: 1, degraded: 0, latencyCount: 1, latencySumS: 0.12 });
    expect(t.buckets[bucketIndex(0.12)]).toBe(1);
    expect(EMPTY_CHECK_TOTALS.up).toBe(0); // not mutated
  });

  it('ignores impossible latencies but still counts the check', () => {
    const t = addCheck(EMPTY_CHECK_TOTALS, 'degraded', Number.NaN);
    expect(t).toMatchObject({ degraded: 1, latencyCount: 0, latencySumS: 0 });
  });
});

describe('cumulativeBuckets', () => {
  it('is cumulative and ends with +Inf equal to the observation count', () => {
    const t = [30, 700, 4000, 20_000].reduce((acc, ms) => addCheck(acc, 'up', ms), EMPTY_CHECK_TOTALS);
    expect(cumulativeBuckets(t)).toEqual([
      { le: '0.05', count: 1 },
      { le: '0.1', count: 1 },
      { le: '0.25', count: 1 },
      { le: '0.5', count: 1 },
      { le: '1', count: 2 },
      { le: '2.5', count: 2 },
      { le: '5', count: 3 },
      { le: '10', count: 3 },
      { le: '+Inf', count: 4 },
    ]);
  });

  it('only rises as checks are added, whatever they are (a counter never resets)', () => {
    const check = fc.record({ result: fc.constantFrom<CheckResult>('up', 'degraded', 'down'), ms: fc.option(fc.double({ min: 0, max: 60_000, noNaN: true })) });
    fc.assert(
      fc.property(fc.array(check, { maxLength: 60 }), (checks) => {
        let t = EMPTY_CHECK_TOTALS;
        for (const c of checks) {
          const next = addCheck(t, c.result, c.ms);
          const [a, b] = [cumulativeBuckets(t), cumulativeBuckets(next)];
          b.forEach((x, i) => expect(x.count).toBeGreaterThanOrEqual(a[i].count));
          expect(next.up + next.degraded + next.down).toBe(t.up + t.degraded + t.down + 1);
          t = next;
        }
        expect(cumulativeBuckets(t).at(-1)!.count).toBe(t.latencyCount);
      }),
    );
  });
});

describe('parseBuckets', () => {
  it.each([['[1,2,3]'], ['nope'], ['{"a":1}'], [JSON.stringify(CHECK_LATENCY_BUCKETS_S.map(() => -1).concat(0))]])('%s → zeros', (s) => expect(parseBuckets(s)).toEqual(EMPTY_CHECK_TOTALS.buckets));
  it('reads a well-formed list back', () => {
    const b = CHECK_LATENCY_BUCKETS_S.map((_, i) => i).concat(9);
    expect(parseBuckets(JSON.stringify(b))).toEqual(b);
  });
});
