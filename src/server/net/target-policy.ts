/** The outbound address policy applied to monitor and webhook targets (see README "Monitor and webhook targets"). */
// Decision: docs/decisions/026-outbound-target-policy.md
import { BlockList, isIP } from 'node:net';
import { ipv4At, ipv6Groups } from '../../domain/ipv6';
import { ADDRESS_CLASSES, ADDRESS_RANGES, refusalReason, stricterClass, V4_EMBEDDINGS, type AddressClass, type TargetPolicy } from '../../domain/target-policy';
import type { Settings } from '../queries/settings';

const LISTS = new Map<AddressClass, BlockList>(
  ADDRESS_CLASSES.filter((c) => c !== 'public').map((cls) => {
    const list = new BlockList();
    for (const r of ADDRESS_RANGES) if (r.cls === cls) list.addSubnet(r.net, r.prefix, r.family);
    return [cls, list];
  }),
);

const EMBEDDINGS = V4_EMBEDDINGS.map((e) => {
  const list = new BlockList();
  list.addSubnet(e.net, e.prefix, 'ipv6');
  return { ...e, list };
});

/** Thrown (or passed to a lookup callback) when a destination is refused; the message is shown to operators. */
export class TargetRefusedError extends Error {
  readonly code = 'ETARGETREFUSED';
}

/** The policy from the two admin settings. */
/**
 * What an anonymous visitor's webhook may reach: never link-local or metadata, private only when an admin allows it
 * for visitors as well, so a public form cannot aim POSTs at services on the operator's own network.
 */
export function publicTargetPolicyOf(s: Pick<Settings, 'allowPrivateTargets' | 'allowPrivatePublicWebhooks'>): TargetPolicy {
  return { allowPrivate: s.allowPrivateTargets && s.allowPrivatePublicWebhooks, allowLinkLocal: false };
}

export function targetPolicyOf(s: Pick<Settings, 'allowPrivateTargets' | 'allowLinkLocalTargets'>): TargetPolicy {
  return { allowPrivate: s.allowPrivateTargets, allowLinkLocal: s.allowLinkLocalTargets };
}

/** The IPv4 addresses an IPv6 address carries (mapped, translated, compatible, NAT64, 6to4, Teredo). */
function embeddedIpv4s(ip: string): string[] {
  const groups = ipv6Groups(ip) ?? [];
  // :: and ::1 are the unspecified and loopback addresses, not IPv4-compatible ones
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] <= 1) return [];
  return EMBEDDINGS.filter((e) => e.list.check(ip, 'ipv6')).map((e) => ipv4At(groups, e.at, e.inverted));
}

function rangeClass(addr: string, family: 'ipv4' | 'ipv6'): AddressClass {
  for (const [cls, list] of LISTS) if (list.check(addr, family)) return cls;
  return 'public';
}

/** The class of an IP address (IPv6 zone ids are ignored); throws on a non-address. */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) throw new TypeError(`not an IP address: ${ip}`);
  if (family === 4) return rangeClass(bare, 'ipv4');
  return embeddedIpv4s(bare).reduce<AddressClass>((cls, v4) => stricterClass(cls, rangeClass(v4, 'ipv4')), rangeClass(bare, 'ipv6'));
}

/** "refused: <ip> is …" (or "refused: <name> resolves to <ip>, …") for an address the policy refuses, else null. */
export function checkAddress(ip: string, policy: TargetPolicy, name?: string): string | null {
  const reason = refusalReason(classifyAddress(ip), policy);
  if (!reason) return null;
  return name ? `refused: ${name} resolves to ${ip}, ${reason}` : `refused: ${ip} is ${reason}`;
}

/**
 * Checks a host as typed (URL hostname or TCP host). Numeric spellings (2852039166, 0xa9.0xfe.0xa9.0xfe) are
 * normalised the WHATWG way first; a name returns null here and is checked when it is resolved.
 */
export function checkHost(host: string, policy: TargetPolicy): string | null {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return checkAddress(bare, policy);
  let normal: string;
  try {
    normal = new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
  return isIP(normal) ? checkAddress(normal, policy) : null;
}

/** Checks a URL's scheme (http/https only) and, when it is an address, its host. */
export function checkUrl(url: URL, policy: TargetPolicy): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `refused: ${url.protocol} is not http or https`;
  return checkHost(url.hostname, policy);
}
