/** Who may view a private page: the IP allowlist, e-mail addresses and domains, OIDC claims, and audience groups. */
import { normalizeEmail } from './credentials';
import { ipv6Groups } from './ipv6';

/** A one-time e-mail sign-in link works this long, once. */
export const VIEWER_LINK_LIFETIME_MS = 15 * 60_000;
/** A viewer session's token is replaced after this long in use (rotation), keeping the session. */
export const VIEWER_ROTATE_AFTER_MS = 60 * 60_000;
/** Link requests: a burst of 5 per client (IPv4, or IPv6 /64) and per address, one more every 2 minutes. */
export const VIEWER_LINK_RATE = { capacity: 5, perSecond: 1 / 120 } as const;

/** A CIDR as bits: the family, the address as a 128-bit (v6) or 32-bit (v4) bigint, and the prefix length. */
export interface Cidr {
  v6: boolean;
  bits: bigint;
  prefix: number;
}

function v4Bits(ip: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const b = m.slice(1).map(Number);
  if (b.some((x, i) => x > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return null;
  return b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
}

function v6Bits(ip: string): bigint | null {
  const g = ipv6Groups(ip);
  return g ? g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n) : null;
}

/** An address as bits; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries. */
function addressBits(ip: string): { v6: boolean; bits: bigint } | null {
  const bare = ip.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (!bare.includes(':')) {
    const bits = v4Bits(bare);
    return bits === null ? null : { v6: false, bits };
  }
  const bits = v6Bits(bare);
  if (bits === null) return null;
  if (bits >> 32n === 0xffffn) return { v6: false, bits: bits & 0xffffffffn };
  return { v6: true, bits };
}

/** Parses "10.0.0.0/8", "2001:db8::/32" or a bare address (a /32 or /128); null for anything else. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || addr.includes('%')) return null;
  const a = addressBits(addr);
  if (!a || (a.v6 === false && addr.includes(':'))) return null;
  const max = a.v6 ? 128 : 32;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
  const prefix = len === undefined ? max : Number(len);
  if (prefix > max) return null;
  return { v6: a.v6, bits: a.bits, prefix };
}

/** Why a CIDR line is refused, or null. */
export function cidrProblem(text: string): string | null {
  return parseCidr(text) ? null : `"${text.trim()}" is not an address or CIDR range such as 203.0.113.0/24 or 2001:db8::/48.`;
}

/** True when the address lies in the range (same family; the host bits of the range are ignored). */
function inCidr(ip: string, cidr: Cidr): boolean {
  const a = addressBits(ip);
  if (!a || a.v6 !== cidr.v6) return false;
  const shift = BigInt((cidr.v6 ? 128 : 32) - cidr.prefix);
  return a.bits >> shift === cidr.bits >> shift;
}

/** True when the address is in any of the listed ranges (unparsable entries match nothing). */
export function ipAllowed(ip: string | null, allowlist: readonly string[]): boolean {
  if (!ip) return false;
  return allowlist.some((c) => {
    const cidr = parseCidr(c);
    return cidr !== null && inCidr(ip, cidr);
  });
}

/** The domain of an address, lower-case ("" when there is no @). */
function emailDomain(email: string): string {
  const e = normalizeEmail(email);
  const at = e.lastIndexOf('@');
  return at === -1 ? '' : e.slice(at + 1);
}

/** A listed domain: lower-case, without a leading "@" or dot. */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^[@.]+/, '');
}

/** An address is listed itself, or its domain is listed exactly (sub.example.com is not example.com). */
export function emailAllowed(email: string, rule: { addresses: readonly string[]; domains: readonly string[] }): boolean {
  const e = normalizeEmail(email);
  if (!e.includes('@')) return false;
  return rule.addresses.some((a) => normalizeEmail(a) === e) || rule.domains.some((d) => normalizeDomain(d) === emailDomain(e));
}

/** What an OpenID provider said about the viewer (the ID token's claims we read). */
export interface OidcIdentity {
  email: string | null;
  emailVerified: boolean;
  groups: readonly string[];
}

/** The OIDC rule: a verified e-mail in an allowed domain, or membership of an allowed group; neither listed admits nobody. */
export function oidcAllowed(id: OidcIdentity, rule: { allowedDomains: readonly string[]; allowedGroups?: readonly string[] }): boolean {
  const byDomain = id.email !== null && id.emailVerified && rule.allowedDomains.some((d) => normalizeDomain(d) === emailDomain(id.email!));
  const byGroup = (rule.allowedGroups ?? []).some((g) => id.groups.includes(g));
  return byDomain || byGroup;
}

/** The groups a claim's value names: an array of strings, or one string; anything else names none. */
export function claimGroups(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An audience group: who is in it (by address, domain or OIDC group) and the components it sees. */
export interface AudienceGroup {
  name: string;
  addresses: readonly string[];
  domains: readonly string[];
  oidcGroups: readonly string[];
  componentIds: readonly number[];
}

/** Who a viewer is, as far as audience membership goes. */
export interface ViewerIdentity {
  email: string | null;
  oidcGroups: readonly string[];
}

/** The names of the audience groups a viewer belongs to, in the page's order. */
export function audienceGroupsOf(viewer: ViewerIdentity, groups: readonly AudienceGroup[]): string[] {
  return groups
    .filter((g) => (viewer.email !== null && emailAllowed(viewer.email, g)) || g.oidcGroups.some((og) => viewer.oidcGroups.includes(og)))
    .map((g) => g.name);
}

/** The components a viewer of an audience page sees: the union of their groups' components, ascending. */
export function audienceComponents(memberOf: readonly string[], groups: readonly AudienceGroup[]): number[] {
  const ids = new Set<number>();
  for (const g of groups) if (memberOf.includes(g.name)) for (const c of g.componentIds) ids.add(c);
  return [...ids].sort((a, b) => a - b);
}

/** An audience viewer must belong to at least one group; other private pages need only the sign-in rule. */
export function viewerAdmitted(audience: readonly AudienceGroup[] | undefined, memberOf: readonly string[]): boolean {
  return !audience || audience.length === 0 || memberOf.length > 0;
}

/** Sessions rotate their token once it has been in use this long; an idle session has expired. */
export function sessionState(s: { tokenIssuedAt: number; expiresAt: number }, now: number): 'expired' | 'rotate' | 'ok' {
  if (now >= s.expiresAt) return 'expired';
  return now - s.tokenIssuedAt >= VIEWER_ROTATE_AFTER_MS ? 'rotate' : 'ok';
}

/** A surface read by programs (feeds, iCal, CSV, badges, /api/…): a token or 401, never a sign-in redirect. */
export function isMachineSurface(path: string): boolean {
  return path.startsWith('/api/') || /\.(?:xml|rss|atom|json|ics|csv|svg)$/.test(path);
}
