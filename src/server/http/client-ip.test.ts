import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

describe('clientIp', () => {
  const h = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {});
  it.each([
    [h('203.0.113.9'), '10.0.0.1', false, '10.0.0.1'],
    [h('203.0.113.9'), '10.0.0.1', true, '203.0.113.9'],
    [h('1.2.3.4, 203.0.113.9'), '10.0.0.1', true, '203.0.113.9'],
    [h(), '10.0.0.1', true, '10.0.0.1'],
    [h(), undefined, false, null],
  ] as const)('xff=%s socket=%s trust=%s', (headers, socket, trust, expected) => {
    expect(clientIp(headers, socket, trust)).toBe(expected);
  });
});
