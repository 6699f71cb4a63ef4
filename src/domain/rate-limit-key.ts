/** Which clients share a limit: one IPv4 address, or one IPv6 /64 (what a single subscriber is usually given). */
import { ipv4At, ipv6Groups } from './ipv6';

/**
 * The key of a client address for every per-client limit (sign-in, subscribe forms, live streams): IPv4 as is
 * (also when IPv4-mapped), IPv6 cut to its /64, brackets and zone ids dropped; no address is one "unknown" client.
 */
export function rateLimitKey(ip: string | null): string {
  if (ip === null) return 'unknown';
  const raw = ip.trim().toLowerCase();
  if (!raw.includes(':')) return raw;
  const groups = ipv6Groups(raw);
  if (!groups) return raw;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return ipv4At(groups, 96);
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
