import { describe, expect, it } from 'vitest';
import { laneBudgets, mailLane } from './mail-lanes';

describe('mailLane', () => {
  it.each([
    ['change:42', 'notification'],
    ['webhook-disabled:3:1700000000000', 'notification'],
    ['confirm:1700000000000', 'signup'],
    ['manage:1700000000000', 'signup'],
    ['webhook-confirm:3:1700000000000', 'signup'],
    ['something-new:1', 'signup'], // unknown events never jump the queue
    ['xchange:1', 'signup'],
    ['', 'signup'],
  ])('%s → %s', (event, lane) => {
    expect(mailLane(event)).toBe(lane);
  });
});

describe('laneBudgets', () => {
  const rate = { perMinute: 120, signupPercent: 50, concurrency: 5 };
  it.each([
    { sent: { notification: 0, signup: 0 }, want: { notification: 5, signup: 5 } },
    { sent: { notification: 0, signup: 58 }, want: { notification: 5, signup: 2 } },
    // the sign-up share is used up: notifications still have the rest of the minute
    { sent: { notification: 0, signup: 60 }, want: { notification: 5, signup: 0 } },
    { sent: { notification: 0, signup: 75 }, want: { notification: 5, signup: 0 } },
    { sent: { notification: 118, signup: 0 }, want: { notification: 2, signup: 2 } },
    { sent: { notification: 100, signup: 20 }, want: { notification: 0, signup: 0 } },
    { sent: { notification: 130, signup: 0 }, want: { notification: 0, signup: 0 } },
  ])('sent $sent → $want', ({ sent, want }) => {
    expect(laneBudgets(sent, rate)).toEqual(want);
  });

  it.each([
    { perMinute: 1, signupPercent: 50, want: 1 }, // at least one a minute, or confirmations would never leave
    { perMinute: 10, signupPercent: 100, want: 5 }, // capped by concurrency
    { perMinute: 10, signupPercent: 20, want: 2 },
    { perMinute: 7, signupPercent: 50, want: 3 },
  ])('sign-up share of $perMinute/min at $signupPercent % → $want', ({ perMinute, signupPercent, want }) => {
    expect(laneBudgets({ notification: 0, signup: 0 }, { perMinute, signupPercent, concurrency: 5 }).signup).toBe(want);
  });
});
