/** Which network destinations monitors and webhooks may reach: the address ranges and the decision, no I/O. */

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
 * Classes are checked in ADDRESS_CLASSES order, so fd00:ec2::254 (inside fc00::/7) and 100.100.100.200 (inside
 * 100.64.0.0/10) count as metadata. IPv4-mapped and NAT64 IPv6 forms are judged by the IPv4 address inside.
 */
export const ADDRESS_RANGES: readonly AddressRange[] = [
  { cls: 'unusable', family: 'ipv4', net: '0.0.0.0', prefix: 8 },
  { cls: 'unusable', family: 'ipv4', net: '224.0.0.0', prefix: 4 }, // multicast
  { cls: 'unusable', family: 'ipv4', net: '240.0.0.0', prefix: 4 }, // reserved, with broadcast 255.255.255.255
  { cls: 'unusable', family: 'ipv6', net: '::', prefix: 128 },
  { cls: 'unusable', family: 'ipv6', net: 'ff00::', prefix: 8 }, // multicast
  { cls: 'link-local', family: 'ipv4', net: '169.254.0.0', prefix: 16 }, // AWS, GCP, Azure, Oracle metadata live here
  { cls: 'link-local', family: 'ipv4', net: '100.100.100.200', prefix: 32 }, // Alibaba Cloud metadata
  { cls: 'link-local', family: 'ipv6', net: 'fe80::', prefix: 10 },
  { cls: 'link-local', family: 'ipv6', net: 'fd00:ec2::254', prefix: 128 }, // AWS metadata over IPv6
  { cls: 'private', family: 'ipv4', net: '127.0.0.0', prefix: 8 },
  { cls: 'private', family: 'ipv4', net: '10.0.0.0', prefix: 8 },
  { cls: 'private', family: 'ipv4', net: '172.16.0.0', prefix: 12 },
  { cls: 'private', family: 'ipv4', net: '192.168.0.0', prefix: 16 },
  { cls: 'private', family: 'ipv4', net: '100.64.0.0', prefix: 10 }, // carrier-grade NAT
  { cls: 'private', family: 'ipv6', net: '::1', prefix: 128 },
  { cls: 'private', family: 'ipv6', net: 'fc00::', prefix: 7 }, // unique local
];

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
