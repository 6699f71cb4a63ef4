import { describe, expect, it } from 'vitest';
import { ClearingMemo } from './clearing-memo';

describe('ClearingMemo', () => {
  it('computes a value once and keeps it', () => {
    const memo = new ClearingMemo<string, number>(10);
    let calls = 0;
    const length = (s: string) => (calls++, s.length);
    expect(memo.getOrCompute('abc', length)).toBe(3);
    expect(memo.getOrCompute('abc', length)).toBe(3);
    expect(calls).toBe(1);
  });

  it('never holds more than max entries, however many keys pass', () => {
    const memo = new ClearingMemo<number, string>(4);
    for (let i = 0; i < 1000; i++) {
      memo.getOrCompute(i, String);
      expect(memo.size).toBeLessThanOrEqual(4);
    }
    expect(memo.get(999)).toBe('999');
  });
});
