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
