import { describe, expect, it } from 'vitest';
import { ACCOUNT_MAX_DELAY_MS, accountDelayMs, accountWaitMs, formatWait } from './login-backoff';

describe('accountDelayMs', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [7, 4000],
    [10, 32_000],
    [15, 15 * 60_000],
    [1000, ACCOUNT_MAX_DELAY_MS],
  ])('%i failures → %i ms', (failures, ms) => expect(accountDelayMs(failures)).toBe(ms));

  it('never shrinks as failures grow', () => {
    for (let n = 0; n < 100; n++) expect(accountDelayMs(n + 1)).toBeGreaterThanOrEqual(accountDelayMs(n));
  });
});

describe('accountWaitMs', () => {
  it.each([
    [6, null, 100, 0],
    [6, 1000, 1000, 2000],
    [6, 1000, 2500, 500],
    [6, 1000, 3000, 0],
    [3, 1000, 1000, 0],
  ])('%i failures, last at %s, now %i → %i ms', (failures, last, now, wait) => expect(accountWaitMs(failures, last, now)).toBe(wait));
});

describe('formatWait', () => {
  it.each([
    [1, '1 s'],
    [1000, '1 s'],
    [1001, '2 s'],
    [119_000, '119 s'],
    [120_000, '2 min'],
    [15 * 60_000, '15 min'],
  ])('%i ms → %s', (ms, text) => expect(formatWait(ms)).toBe(text));
});
