import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it.each([
    { attempt: 1, base: 30_000, max: 3_600_000, want: 30_000 },
    { attempt: 2, base: 30_000, max: 3_600_000, want: 60_000 },
    { attempt: 3, base: 30_000, max: 3_600_000, want: 120_000 },
    { attempt: 8, base: 30_000, max: 3_600_000, want: 3_600_000 }, // 3 840 000 capped
    { attempt: 0, base: 50, max: 400, want: 50 }, // before any failure: the first delay
    { attempt: -3, base: 50, max: 400, want: 50 },
    { attempt: 1000, base: 50, max: 400, want: 400 }, // no overflow to Infinity/NaN
    { attempt: 1000, base: 1, max: Number.MAX_SAFE_INTEGER, want: 2 ** 30 },
    { attempt: 2.7, base: 100, max: 10_000, want: 200 },
  ])('attempt $attempt, base $base, cap $max → $want', ({ attempt, base, max, want }) => {
    expect(backoffDelay(attempt, { baseMs: base, maxDelayMs: max })).toBe(want);
  });
});
