import { describe, expect, it } from 'vitest';
import { rateLimitKey } from './rate-limit-key';

describe('rateLimitKey', () => {
  it.each([
    ['IPv4 as is', '203.0.113.9', '203.0.113.9'],
    ['IPv4 loopback', '127.0.0.1', '127.0.0.1'],
    ['IPv6 cut to its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['another host of the same /64', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['a neighbouring /64 is another key', '2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['compressed', '2001:db8::1', '2001:db8:0:0::/64'],
    ['compressed at the start', '::1', '0:0:0:0::/64'],
    ['the unspecified address', '::', '0:0:0:0::/64'],
    ['upper case and leading zeros', '2001:0DB8:00AB:0001::1', '2001:db8:ab:1::/64'],
    ['a zone id is dropped', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['a numeric zone id', 'fe80::abcd%25', 'fe80:0:0:0::/64'],
    ['brackets', '[2001:db8::1]', '2001:db8:0:0::/64'],
    ['IPv4-mapped, dotted', '::ffff:203.0.113.9', '203.0.113.9'],
    ['IPv4-mapped, hex', '::ffff:cb00:7109', '203.0.113.9'],
    ['IPv4-mapped, spelled out', '0:0:0:0:0:ffff:203.0.113.9', '203.0.113.9'],
    ['NAT64 is IPv6, cut to its /64', '64:ff9b::203.0.113.9', '64:ff9b:0:0::/64'],
    ['not an address: left as it is', 'not-an-ip', 'not-an-ip'],
    ['two "::" is not an address', '1::2::3', '1::2::3'],
    ['an octet over 255 is not an address', '::ffff:1.2.3.256', '::ffff:1.2.3.256'],
    ['nine groups is not an address', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8:9'],
  ])('%s: %s → %s', (_name, ip, key) => {
    expect(rateLimitKey(ip)).toBe(key);
  });

  it('gives every address of one /64 the same key', () => {
    const keys = new Set(['2001:db8:aa:bb::1', '2001:db8:aa:bb:1:2:3:4', '2001:DB8:AA:BB::ffff', '2001:db8:aa:bb::1%en0'].map(rateLimitKey));
    expect([...keys]).toEqual(['2001:db8:aa:bb::/64']);
  });
});
