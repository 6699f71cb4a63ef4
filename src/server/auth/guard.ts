/** Access rules decided once: which paths need an operator, and cross-origin refusal for cookie-authenticated writes. */

/** Paths under /admin that anonymous visitors may open. */
const PUBLIC_ADMIN = new Set(['/admin/login', '/admin/setup']);

export type Access = 'public' | 'operator-page' | 'operator-api';

/**
 * Every route anonymous visitors may reach, as src/pages spells it. A route file that is neither here nor
 * protected by accessFor fails src/testing/route-inventory.unit.test.ts.
 */
export const PUBLIC_ROUTES = [
  '/', '/404', '/history', '/history.rss', '/history.atom', '/maintenance', '/maintenance.ics', '/sla', '/sla.csv',
  '/feed.xml', '/feed.atom', '/badge.svg', '/incidents/[id]', '/components/[slug]', '/components/[slug]/badge.svg',
  '/components/[slug]/feed.xml', '/api/sla.json', '/api/v2/[...path]', '/api/v2/summary.json', '/api/v2/status.json',
  '/api/v2/components.json', '/api/v2/incidents.json', '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json', '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json', '/api/v2/subscribers.json', '/admin/login', '/admin/setup',
  '/subscribe', '/subscribe/confirm', '/subscribe/manage', '/subscribe/unsubscribe', '/subscribe/webhook-confirm', '/subscribe/webhook-unsubscribe',
  '/feed.json', '/components/[slug]/feed.atom', '/maintenance/[id]', '/api/openapi.json', '/metrics',
  '/brand.css', '/brand/[slot]',
  // private pages' viewer sign-in (issue 24): open to anyone, like the operator's sign-in page
  '/access/sign-in', '/access/link', '/access/oidc/start', '/access/oidc/callback', '/access/sign-out', '/access/tokens',
  '/access/whoami', '/access/whoami.json',
] as const;

/** `[id]` matches one segment, `[...path]` any number, none included (as Astro's router does). */
function routeRegExp(route: string): RegExp {
  const body = route
    .split('/')
    .slice(1)
    .map((seg) => (/^\[\.\.\.[^\]]+\]$/.test(seg) ? '(?:/.*)?' : '/' + (/^\[[^\]]+\]$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))))
    .join('');
  return new RegExp(`^${body}$`);
}
const PUBLIC_ROUTE_PATTERNS = PUBLIC_ROUTES.map(routeRegExp);

/** The PUBLIC_ROUTES entry a canonical path matches (a literal before a pattern, a catch-all last), else null. */
export function publicRouteOf(path: string): string | null {
  if ((PUBLIC_ROUTES as readonly string[]).includes(path)) return path;
  const i = PUBLIC_ROUTE_PATTERNS.findIndex((p, i) => !PUBLIC_ROUTES[i].includes('[...') && p.test(path));
  const j = i === -1 ? PUBLIC_ROUTE_PATTERNS.findIndex((p) => p.test(path)) : i;
  return j === -1 ? null : PUBLIC_ROUTES[j];
}

/** True when a canonical path matches one of PUBLIC_ROUTES. */
export function isPublicRoute(path: string): boolean {
  return PUBLIC_ROUTE_PATTERNS.some((p) => p.test(path));
}

export function accessFor(pathname: string): Access {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/admin' || p.startsWith('/admin/')) return PUBLIC_ADMIN.has(p) ? 'public' : 'operator-page';
  if (p.startsWith('/api/v1/') || p === '/api/v1' || p === '/api/response-times.json') return 'operator-api';
  return 'public';
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request authenticated by cookie must come from our own pages: its Origin (or, failing
 * that, Referer) must be the Host it was sent to or the configured site URL.
 */
export function isCrossOrigin(method: string, headers: Headers, siteUrl: string): boolean {
  if (SAFE.has(method)) return false;
  const host = headers.get('host');
  const allowed = new Set<string>([new URL(siteUrl).origin]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  const origin = headers.get('origin');
  if (origin && origin !== 'null') return !allowed.has(origin);
  const referer = headers.get('referer');
  if (referer) {
    try {
      return !allowed.has(new URL(referer).origin);
    } catch {
      return true;
    }
  }
  return true;
}
