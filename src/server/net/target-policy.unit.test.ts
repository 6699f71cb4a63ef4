import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGET_POLICY, type AddressClass, type TargetPolicy } from '../../domain/target-policy';
import { checkAddress, checkHost, checkUrl, classifyAddress, targetPolicyOf } from './target-policy';

const LOCKED: TargetPolicy = { allowPrivate: false, allowLinkLocal: false };
const OPEN: TargetPolicy = { allowPrivate: true, allowLinkLocal: true };

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['169.254.170.2', 'link-local'], // ECS task metadata
    ['100.100.100.200', 'link-local'], // Alibaba metadata, inside CGNAT space
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fd00:ec2::254', 'link-local'], // inside fc00::/7, still metadata
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'], // NAT64 form
    ['::a9fe:a9fe', 'link-local'], // deprecated IPv4-compatible form
    ['::169.254.169.254', 'link-local'],
    ['::0.0.0.2', 'unusable'],
    ['0.0.0.0', 'unusable'],
    ['0.1.2.3', 'unusable'],
    ['::', 'unusable'],
    ['::ffff:0.0.0.0', 'unusable'],
    ['224.0.0.1', 'unusable'],
    ['239.255.255.250', 'unusable'],
    ['255.255.255.255', 'unusable'],
    ['240.0.0.1', 'unusable'],
    ['ff02::1', 'unusable'],
    ['127.0.0.1', 'private'],
    ['127.255.255.254', 'private'],
    ['::1', 'private'],
    ['::ffff:127.0.0.1', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['169.253.255.255', 'public'],
    ['169.255.0.0', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['fec0::1', 'public'],
  ])('%s is %s', (ip, cls) => expect(classifyAddress(ip)).toBe(cls));

  it('throws on something that is not an address', () => expect(() => classifyAddress('example.com')).toThrow(TypeError));
});

describe('checkAddress under each setting', () => {
  it.each<[string, TargetPolicy, boolean]>([
    ['169.254.169.254', DEFAULT_TARGET_POLICY, false],
    ['169.254.169.254', { allowPrivate: true, allowLinkLocal: true }, true],
    ['fd00:ec2::254', { allowPrivate: true, allowLinkLocal: false }, false],
    ['fd00:ec2::254', { allowPrivate: false, allowLinkLocal: true }, true],
    ['127.0.0.1', DEFAULT_TARGET_POLICY, true],
    ['127.0.0.1', LOCKED, false],
    ['10.0.0.5', LOCKED, false],
    ['::1', LOCKED, false],
    ['0.0.0.0', OPEN, false],
    ['::', OPEN, false],
    ['255.255.255.255', OPEN, false],
    ['224.0.0.251', OPEN, false],
    ['8.8.8.8', LOCKED, true],
  ])('%s under %j allowed=%s', (ip, policy, allowed) => expect(checkAddress(ip, policy) === null).toBe(allowed));

  it('says what was refused and how to allow it', () => {
    expect(checkAddress('169.254.169.254', DEFAULT_TARGET_POLICY)).toBe('refused: 169.254.169.254 is a link-local or cloud metadata address (an admin can allow these in Settings)');
    expect(checkAddress('169.254.169.254', DEFAULT_TARGET_POLICY, 'meta.test')).toMatch(/^refused: meta\.test resolves to 169\.254\.169\.254, a link-local/);
    expect(checkAddress('10.0.0.1', LOCKED)).toMatch(/private or loopback/);
  });
});

describe('checkUrl and checkHost: numeric spellings are normalised before the check', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://0251.0376.0251.0376/',
    'http://169.254.43518/',
    'http://0xa9fea9fe/',
    'http://169.254.169.254./',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/',
    'https://0.0.0.0/',
    'http://0/',
    'http://[::]/',
  ])('refuses %s', (raw) => expect(checkUrl(new URL(raw), DEFAULT_TARGET_POLICY)).toMatch(/^refused: /));

  it.each(['http://127.0.0.1:8080/', 'http://localhost/', 'https://status.example.com/', 'http://[::1]/', 'http://192.168.0.10/'])('allows %s by default', (raw) =>
    expect(checkUrl(new URL(raw), DEFAULT_TARGET_POLICY)).toBeNull(),
  );

  it('refuses other schemes', () => {
    expect(checkUrl(new URL('file:///etc/passwd'), OPEN)).toBe('refused: file: is not http or https');
    expect(checkUrl(new URL('gopher://127.0.0.1:6379/'), OPEN)).toMatch(/gopher: is not http/);
  });

  it.each([
    ['169.254.169.254', false],
    ['2852039166', false],
    ['0xa9.0xfe.0xa9.0xfe', false],
    ['::ffff:a9fe:a9fe', false],
    ['[fe80::1]', false],
    ['0', false],
    ['127.0.0.1', true],
    ['db.internal', true], // a name: checked when resolved
  ])('TCP host %s allowed as typed=%s', (host, allowed) => expect(checkHost(host, DEFAULT_TARGET_POLICY) === null).toBe(allowed));

  it('reads the two settings', () => {
    expect(targetPolicyOf({ allowPrivateTargets: false, allowLinkLocalTargets: true })).toEqual({ allowPrivate: false, allowLinkLocal: true });
  });
});

/**
 * The IANA IPv4 and IPv6 special-purpose address registries (iana.org/assignments/iana-ipv4-special-registry and
 * iana-ipv6-special-registry): every block that is not globally reachable, by its first and last address. None may
 * be reached with both settings off (what a visitor's public webhook gets).
 */
describe('IANA special-purpose blocks that are not globally reachable', () => {
  it.each<[string, string, string, string]>([
    ['0.0.0.0/8', 'RFC 791', '0.0.0.0', '0.255.255.255'],
    ['10.0.0.0/8', 'RFC 1918', '10.0.0.0', '10.255.255.255'],
    ['100.64.0.0/10', 'RFC 6598', '100.64.0.0', '100.127.255.255'],
    ['127.0.0.0/8', 'RFC 1122', '127.0.0.0', '127.255.255.255'],
    ['169.254.0.0/16', 'RFC 3927', '169.254.0.0', '169.254.255.255'],
    ['172.16.0.0/12', 'RFC 1918', '172.16.0.0', '172.31.255.255'],
    ['192.0.0.0/24', 'RFC 6890', '192.0.0.0', '192.0.0.255'],
    ['192.0.0.0/29', 'RFC 7335', '192.0.0.0', '192.0.0.7'],
    ['192.0.0.8/32', 'RFC 7600', '192.0.0.8', '192.0.0.8'],
    ['192.0.0.170/32', 'RFC 8880', '192.0.0.170', '192.0.0.170'],
    ['192.0.0.171/32', 'RFC 8880', '192.0.0.171', '192.0.0.171'],
    ['192.0.2.0/24', 'RFC 5737', '192.0.2.0', '192.0.2.255'],
    ['192.88.99.0/24', 'RFC 7526', '192.88.99.0', '192.88.99.255'],
    ['192.168.0.0/16', 'RFC 1918', '192.168.0.0', '192.168.255.255'],
    ['198.18.0.0/15', 'RFC 2544', '198.18.0.0', '198.19.255.255'],
    ['198.51.100.0/24', 'RFC 5737', '198.51.100.0', '198.51.100.255'],
    ['203.0.113.0/24', 'RFC 5737', '203.0.113.0', '203.0.113.255'],
    ['240.0.0.0/4', 'RFC 1112', '240.0.0.0', '255.255.255.254'],
    ['255.255.255.255/32', 'RFC 8190', '255.255.255.255', '255.255.255.255'],
    ['::1/128', 'RFC 4291', '::1', '::1'],
    ['::/128', 'RFC 4291', '::', '::'],
    ['::ffff:0:0/96 (private v4 inside)', 'RFC 4291', '::ffff:0:0', '::ffff:7f00:1'],
    ['64:ff9b:1::/48', 'RFC 8215', '64:ff9b:1::', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'],
    ['100::/64', 'RFC 6666', '100::', '100::ffff:ffff:ffff:ffff'],
    ['100:0:0:1::/64', 'RFC 9780', '100:0:0:1::', '100:0:0:1:ffff:ffff:ffff:ffff'],
    ['2001::/23', 'RFC 2928', '2001::', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001::/32 Teredo', 'RFC 4380', '2001::', '2001:0:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:2::/48', 'RFC 5180', '2001:2::', '2001:2:0:ffff:ffff:ffff:ffff:ffff'],
    ['2001:10::/28', 'RFC 4843', '2001:10::', '2001:1f:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:db8::/32', 'RFC 3849', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['3fff::/20', 'RFC 9637', '3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['5f00::/16', 'RFC 9602', '5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['fc00::/7', 'RFC 4193', 'fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['fe80::/10', 'RFC 4291', 'fe80::', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['ff00::/8', 'RFC 4291', 'ff00::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ])('%s (%s): %s and %s are refused with both settings off', (_block, _rfc, first, last) => {
    for (const ip of [first, last]) {
      expect(classifyAddress(ip), ip).not.toBe('public');
      expect(checkAddress(ip, LOCKED), ip).toMatch(/^refused: /);
    }
  });

  it.each([
    ['192.31.196.1', 'AS112-v4, RFC 7535'],
    ['192.52.193.1', 'AMT, RFC 7450'],
    ['192.175.48.1', 'AS112 direct delegation, RFC 7534'],
    ['2620:4f:8000::1', 'AS112-v6, RFC 7534'],
    ['64:ff9b::808:808', 'NAT64 of 8.8.8.8, RFC 6052'],
    ['2002:808:808::1', '6to4 of 8.8.8.8, RFC 3056'],
  ])('%s (%s) is globally reachable, so public', (ip) => expect(classifyAddress(ip)).toBe('public'));
});

describe('IPv6 forms carrying an IPv4 address are judged by it too, the stricter class winning', () => {
  it.each<[string, string, AddressClass]>([
    ['::ffff:a9fe:a9fe', 'IPv4-mapped ::ffff:0:0/96, RFC 4291', 'link-local'],
    ['::ffff:0:a9fe:a9fe', 'IPv4-translated ::ffff:0:0:0/96, RFC 2765', 'link-local'],
    ['::ffff:0:169.254.169.254', 'IPv4-translated, dotted', 'link-local'],
    ['::ffff:0:a00:1', 'IPv4-translated 10.0.0.1', 'private'],
    ['::ffff:0:808:808', 'IPv4-translated 8.8.8.8', 'public'],
    ['::a9fe:a9fe', 'IPv4-compatible ::/96, RFC 4291', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 64:ff9b::/96, RFC 6052', 'link-local'],
    ['64:ff9b::c000:2c0', 'NAT64 of 192.0.2.192, TEST-NET-1', 'unusable'],
    ['64:ff9b:1::a9fe:a9fe', 'local-use NAT64 64:ff9b:1::/48, RFC 8215', 'link-local'],
    ['64:ff9b:1:abcd::a9fe:a9fe', 'local-use NAT64, another /96 inside the /48', 'link-local'],
    ['64:ff9b:1::808:808', 'local-use NAT64 of 8.8.8.8: the prefix is not global', 'private'],
    ['2002:a9fe:a9fe::', '6to4 2002::/16, RFC 3056', 'link-local'],
    ['2002:a9fe:a9fe:1:2:3:4:5', '6to4, any host in the site', 'link-local'],
    ['2002:7f00:1::1', '6to4 of 127.0.0.1', 'private'],
    ['2002::1', '6to4 of 0.0.0.0', 'unusable'],
    ['2002:c612:1::1', '6to4 of 198.18.0.1, benchmarking', 'private'],
    ['2001:0:a9fe:a9fe::f7f7:f7f7', 'Teredo 2001::/32 with server 169.254.169.254, RFC 4380', 'link-local'],
    ['2001:0:808:808:0:0:5601:5601', 'Teredo with client 169.254.169.254 (obfuscated)', 'link-local'],
    ['2001:0:808:808:0:0:f7f7:f7f7', 'Teredo between public hosts: the prefix is not global', 'private'],
    ['::1', 'loopback, not IPv4-compatible 0.0.0.1', 'private'],
    ['::', 'unspecified', 'unusable'],
  ])('%s (%s) is %s', (ip, _form, cls) => expect(classifyAddress(ip)).toBe(cls));

  it.each(['http://[::ffff:0:a9fe:a9fe]/', 'http://[64:ff9b:1::a9fe:a9fe]/', 'http://[2002:a9fe:a9fe::]/', 'http://[2001:0:a9fe:a9fe::f7f7:f7f7]/', 'http://192.0.0.192/', 'http://192.0.2.1/'])(
    'refuses %s under the default settings',
    (raw) => expect(checkUrl(new URL(raw), DEFAULT_TARGET_POLICY)).toMatch(/^refused: /),
  );

  it.each(['http://198.18.0.1/', 'http://[2002:c612:1::1]/', 'http://[64:ff9b:1::808:808]/'])('refuses %s when private targets are off', (raw) =>
    expect(checkUrl(new URL(raw), LOCKED)).toMatch(/private or loopback/),
  );
});
