import { describe, expect, it } from 'vitest';
import { isTimeField, snakeCase, toApiJson } from './api-json';

describe('snakeCase', () => {
  it.each([
    ['id', 'id'],
    ['createdAt', 'created_at'],
    ['lastUsedAt', 'last_used_at'],
    ['ownerUserId', 'owner_user_id'],
    ['statusCode', 'status_code'],
    ['already_snake', 'already_snake'],
    ['p95', 'p95'],
    ['httpURL', 'http_url'],
    ['certExpiresAt', 'cert_expires_at'],
  ])('%s → %s', (k, want) => expect(snakeCase(k)).toBe(want));
});

describe('isTimeField', () => {
  it.each([
    ['created_at', true],
    ['start_date', true],
    ['scheduled_for', true],
    ['scheduled_until', true],
    ['status', false],
    ['latency_ms', false],
    ['at_least', false],
    ['date_format', false],
  ])('%s → %s', (k, want) => expect(isTimeField(k)).toBe(want));
});

describe('toApiJson', () => {
  it('renames keys and turns epoch-ms times into ISO, at any depth, leaving other values alone', () => {
    const t = Date.UTC(2026, 11, 7, 14, 30);
    expect(
      toApiJson({ id: 3, createdAt: t, resolvedAt: null, latencyMs: 120, scheduledFor: t, tiers: [{ atLeast: 99.9, creditPercent: 10 }], owner: { lastUsedAt: t, name: 'x' } }),
    ).toEqual({
      id: 3,
      created_at: '2026-12-07T14:30:00.000Z',
      resolved_at: null,
      latency_ms: 120,
      scheduled_for: '2026-12-07T14:30:00.000Z',
      tiers: [{ at_least: 99.9, credit_percent: 10 }],
      owner: { last_used_at: '2026-12-07T14:30:00.000Z', name: 'x' },
    });
  });

  it('keeps an ISO string that is already one, and scalars and arrays as they are', () => {
    expect(toApiJson({ created_at: '2026-01-01T00:00:00.000Z' })).toEqual({ created_at: '2026-01-01T00:00:00.000Z' });
    expect(toApiJson([1, 'a', null, true])).toEqual([1, 'a', null, true]);
  });
});
