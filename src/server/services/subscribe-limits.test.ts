/** The public forms' limits against a real SQLite file: per client (an IPv6 /64 is one) and per recipient address. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { RateLimitedError } from '../errors';
import { subscribe, SUBSCRIBE_LIMITS, takeMailBudget } from './subscribers';

const T0 = Date.UTC(2026, 10, 1, 12);
const ALL = { all: true, componentIds: [], groupIds: [] };
let db: Db;

beforeEach(() => {
  db = freshDb();
});

describe('per-client subscribe limit', () => {
  it('counts every address of one IPv6 /64 as one client', () => {
    for (let i = 0; i < SUBSCRIBE_LIMITS.perIpPerHour; i++) subscribe(db, `u${i}@example.com`, ALL, `2001:db8:5:5::${i + 1}`, T0 + i);
    expect(() => subscribe(db, 'late@example.com', ALL, '2001:db8:5:5:abcd::9', T0 + 100)).toThrow(RateLimitedError);
    expect(() => subscribe(db, 'late@example.com', ALL, '2001:db8:5:5::1%eth0', T0 + 100)).toThrow(RateLimitedError);
    subscribe(db, 'next@example.com', ALL, '2001:db8:5:6::1', T0 + 100);
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    for (let i = 0; i < SUBSCRIBE_LIMITS.perIpPerHour; i++) subscribe(db, `u${i}@example.com`, ALL, '198.51.100.7', T0 + i);
    expect(() => subscribe(db, 'late@example.com', ALL, '::ffff:198.51.100.7', T0 + 100)).toThrow(RateLimitedError);
  });
});

describe('per-recipient e-mail budget', () => {
  it('is one hourly budget per address, shared by the forms naming it and the notices sent to it', () => {
    subscribe(db, 'ops@example.com', ALL, '198.51.100.1', T0);
    subscribe(db, 'ops@example.com', ALL, '198.51.100.2', T0 + 1);
    expect(takeMailBudget(db, 'ops@example.com', T0 + 2)).toBe(true);
    expect(takeMailBudget(db, 'ops@example.com', T0 + 3)).toBe(false);
    expect(() => subscribe(db, 'ops@example.com', ALL, '198.51.100.3', T0 + 4)).toThrow(RateLimitedError);
    expect(takeMailBudget(db, 'other@example.com', T0 + 4)).toBe(true);
    // an hour after the first, it is spent no more
    expect(takeMailBudget(db, 'ops@example.com', T0 + 3_600_001)).toBe(true);
  });
});
