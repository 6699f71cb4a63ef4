/** Which network destinations monitors and webhooks may reach: the address ranges and the decision, no I/O. */
// Decision: docs/decisions/026-outbound-target-policy.md

/** `unusable` is never a valid unicast destination (0.0.0.0 even reaches this host on Linux): always refused. */
export const ADDRESS_CLASSES = ['unusable', 'link-local', 'private', 'public'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

/** The two admin settings, `allowPrivateTargets` (default on) and `allowLinkLocalTargets` (default off). */
export interface TargetPolicy {
  allowPrivate: boolean;
  allowLinkLocal: boolean;
}

export const DEFAULT_TARGET_POLICY: TargetPolicy = Object.freeze({ allowPrivate: true, allowLinkLocal: false });

export interface AddressRange {
  cls: Exclude<AddressClass, 'public'>;
  family: 'ipv4' | 'ipv6';
  net: string;
  prefix: number;
}

/**
 * Every block of the IANA IPv4 and IPv6 special-purpose address registries that is not globally reachable, plus
 * cloud metadata addresses. Classes are checked in ADDRESS_CLASSES order, so fd00:ec2::254 (inside fc00::/7) and
 * 100.100.100.200 (inside 100.64.0.0/10) count as metadata. IPv6 forms carrying an IPv4 address (V4_EMBEDDINGS)
 * are judged by that address as well, and the stricter class wins.
 */
export const ADDRESS_RANGES: readonly AddressRange[] = [
  { cls: 'unusable', family: 'ipv4', net: '0.0.0.0', prefix: 8 }, // "this network", RFC 791
  { cls: 'unusable', family: 'ipv4', net: '192.0.0.8', prefix: 32 }, // dummy address, RFC 7600
  { cls: 'unusable', family: 'ipv4', net: '192.0.2.0', prefix: 24 }, // TEST-NET-1, RFC 5737
  { cls: 'unusable', family: 'ipv4', net: '192.88.99.0', prefix: 24 }, // deprecated 6to4 relay anycast, RFC 7526
  { cls: 'unusable', family: 'ipv4', net: '198.51.100.0', prefix: 24 }, // TEST-NET-2, RFC 5737
  { cls: 'unusable', family: 'ipv4', net: '203.0.113.0', prefix: 24 }, // TEST-NET-3, RFC 5737
  { cls: 'unusable', family: 'ipv4', net: '224.0.0.0', prefix: 4 }, // multicast, RFC 5771
  { cls: 'unusable', family: 'ipv4', net: '240.0.0.0', prefix: 4 }, // reserved, RFC 1112, with broadcast 255.255.255.255 (RFC 919)
  { cls: 'unusable', family: 'ipv6', net: '::', prefix: 128 }, // unspecified, RFC 4291
  { cls: 'unusable', family: 'ipv6', net: '100::', prefix: 64 }, // discard-only, RFC 6666
  { cls: 'unusable', family: 'ipv6', net: '100:0:0:1::', prefix: 64 }, // dummy prefix, RFC 9780
  { cls: 'unusable', family: 'ipv6', net: '2001:10::', prefix: 28 }, // deprecated ORCHID, RFC 4843
  { cls: 'unusable', family: 'ipv6', net: '2001:db8::', prefix: 32 }, // documentation, RFC 3849
  { cls: 'unusable', family: 'ipv6', net: '3fff::', prefix: 20 }, // documentation, RFC 9637
  { cls: 'unusable', family: 'ipv6', net: '5f00::', prefix: 16 }, // SRv6 SIDs, RFC 9602
  { cls: 'unusable', family: 'ipv6', net: 'ff00::', prefix: 8 }, // multicast, RFC 4291
  { cls: 'link-local', family: 'ipv4', net: '169.254.0.0', prefix: 16 }, // RFC 3927; AWS, GCP, Azure, Oracle metadata live here
  { cls: 'link-local', family: 'ipv4', net: '192.0.0.0', prefix: 24 }, // IETF protocol assignments, RFC 6890; Oracle's old metadata 192.0.0.192
  { cls: 'link-local', family: 'ipv4', net: '100.100.100.200', prefix: 32 }, // Alibaba Cloud metadata
  { cls: 'link-local', family: 'ipv6', net: 'fe80::', prefix: 10 }, // RFC 4291
  { cls: 'link-local', family: 'ipv6', net: 'fd00:ec2::254', prefix: 128 }, // AWS metadata over IPv6
  { cls: 'private', family: 'ipv4', net: '127.0.0.0', prefix: 8 }, // loopback, RFC 1122
  { cls: 'private', family: 'ipv4', net: '10.0.0.0', prefix: 8 }, // RFC 1918
  { cls: 'private', family: 'ipv4', net: '172.16.0.0', prefix: 12 }, // RFC 1918
  { cls: 'private', family: 'ipv4', net: '192.168.0.0', prefix: 16 }, // RFC 1918
  { cls: 'private', family: 'ipv4', net: '100.64.0.0', prefix: 10 }, // carrier-grade NAT, RFC 6598
  { cls: 'private', family: 'ipv4', net: '198.18.0.0', prefix: 15 }, // benchmarking, RFC 2544
  { cls: 'private', family: 'ipv6', net: '::1', prefix: 128 }, // loopback, RFC 4291
  { cls: 'private', family: 'ipv6', net: '64:ff9b:1::', prefix: 48 }, // local-use IPv4/IPv6 translation, RFC 8215
  { cls: 'private', family: 'ipv6', net: '2001::', prefix: 23 }, // IETF protocol assignments (Teredo, benchmarking 2001:2::/48), RFC 2928
  { cls: 'private', family: 'ipv6', net: 'fc00::', prefix: 7 }, // unique local, RFC 4193
];

/** An IPv6 prefix whose addresses carry an IPv4 address: 32 bits at bit `at`, inverted when `inverted` (Teredo). */
export interface V4Embedding {
  net: string;
  prefix: number;
  at: number;
  inverted?: boolean;
}

/** The IPv6 forms that reach (or name) an IPv4 host; Teredo carries two, its server's and its client's. */
export const V4_EMBEDDINGS: readonly V4Embedding[] = [
  { net: '::ffff:0:0', prefix: 96, at: 96 }, // IPv4-mapped, RFC 4291
  { net: '::ffff:0:0:0', prefix: 96, at: 96 }, // IPv4-translated, RFC 2765
  { net: '::', prefix: 96, at: 96 }, // deprecated IPv4-compatible, RFC 4291 (:: and ::1 are themselves)
  { net: '64:ff9b::', prefix: 96, at: 96 }, // NAT64 well-known prefix, RFC 6052
  { net: '64:ff9b:1::', prefix: 48, at: 96 }, // local-use NAT64, RFC 8215, read as its /96 layout
  { net: '2002::', prefix: 16, at: 16 }, // 6to4, RFC 3056
  { net: '2001::', prefix: 32, at: 32 }, // Teredo server, RFC 4380
  { net: '2001::', prefix: 32, at: 96, inverted: true }, // Teredo client, obfuscated
];

/** The stricter of two classes (ADDRESS_CLASSES runs from strictest to most open). */
export function stricterClass(a: AddressClass, b: AddressClass): AddressClass {
  return ADDRESS_CLASSES.indexOf(a) <= ADDRESS_CLASSES.indexOf(b) ? a : b;
}

const REASONS: Record<Exclude<AddressClass, 'public'>, string> = {
  unusable: 'an unspecified, multicast, broadcast or reserved address',
  'link-local': 'a link-local or cloud metadata address (an admin can allow these in Settings)',
  private: 'a private or loopback address (an admin has turned these off in Settings)',
};

/** Why an address of this class is refused under the policy, or null when it may be reached. */
export function refusalReason(cls: AddressClass, policy: TargetPolicy): string | null {
  if (cls === 'public') return null;
  if (cls === 'link-local' && policy.allowLinkLocal) return null;
  if (cls === 'private' && policy.allowPrivate) return null;
  return REASONS[cls];
}
