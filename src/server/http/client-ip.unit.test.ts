import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const req = (xff: string | string[] | undefined, socket: string | undefined) =>
  ({ headers: xff === undefined ? {} : { 'x-forwarded-for': Array.isArray(xff) ? xff.join(', ') : xff }, socket: { remoteAddress: socket } }) as unknown as IncomingMessage;

describe('clientIp', () => {
  it.each([
    ['a forged header without TRUST_PROXY', '203.0.113.9', '10.0.0.1', false, '10.0.0.1'],
    ['the proxy-appended entry', '203.0.113.9', '10.0.0.1', true, '203.0.113.9'],
    ['the last of several entries (the left ones are client-sent)', '1.2.3.4, 203.0.113.9', '10.0.0.1', true, '203.0.113.9'],
    ['repeated headers, joined by node', ['1.2.3.4', '203.0.113.9'], '10.0.0.1', true, '203.0.113.9'],
    ['IPv6', '1.2.3.4, 2001:db8::1', '10.0.0.1', true, '2001:db8::1'],
    ['no header behind a proxy', undefined, '10.0.0.1', true, '10.0.0.1'],
    ['a last entry that is not an address', '1.2.3.4, <script>', '10.0.0.1', true, '10.0.0.1'],
    ['an empty last entry', '1.2.3.4,', '10.0.0.1', true, '10.0.0.1'],
    ['no socket address', undefined, undefined, false, null],
  ] as const)('%s', (_name, xff, socket, trust, expected) => {
    expect(clientIp(req(xff as string | string[] | undefined, socket), trust)).toBe(expected);
  });
});
