/** The outbound address policy applied to monitor and webhook targets (see README "Monitor and webhook targets"). */
import { BlockList, isIP } from 'node:net';
import { ADDRESS_CLASSES, ADDRESS_RANGES, refusalReason, type AddressClass, type TargetPolicy } from '../../domain/target-policy';
import type { Settings } from '../queries/settings';

const LISTS = new Map<AddressClass, BlockList>(
  ADDRESS_CLASSES.filter((c) => c !== 'public').map((cls) => {
    const list = new BlockList();
    for (const r of ADDRESS_RANGES) if (r.cls === cls) list.addSubnet(r.net, r.prefix, r.family);
    return [cls, list];
  }),
);

const EMBEDDING = new BlockList();
EMBEDDING.addSubnet('::ffff:0:0', 96, 'ipv6');
EMBEDDING.addSubnet('64:ff9b::', 96, 'ipv6');
EMBEDDING.addSubnet('::', 96, 'ipv6'); // deprecated IPv4-compatible ::a.b.c.d; :: and ::1 are themselves

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

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or IPv4-compatible IPv6 address. */
function embeddedIpv4(ip: string): string | null {
  if (!EMBEDDING.check(ip, 'ipv6')) return null;
  // WHATWG serialises IPv6 canonically, so the last two groups are the IPv4 address.
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  if (canonical === '::' || canonical === '::1') return null;
  const groups = canonical.split(':');
  const hi = parseInt(groups.at(-2) ?? '0', 16);
  const lo = parseInt(groups.at(-1) ?? '0', 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** The class of an IP address (IPv6 zone ids are ignored); throws on a non-address. */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) throw new TypeError(`not an IP address: ${ip}`);
  const v4 = family === 6 ? embeddedIpv4(bare) : null;
  const [addr, fam] = v4 ? [v4, 'ipv4' as const] : [bare, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  for (const [cls, list] of LISTS) if (list.check(addr, fam)) return cls;
  return 'public';
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
