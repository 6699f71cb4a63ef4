/** Access rules decided once: which paths need an operator, and cross-origin refusal for cookie-authenticated writes. */

/** Paths under /admin that anonymous visitors may open. */
const PUBLIC_ADMIN = new Set(['/admin/login', '/admin/setup']);

export type Access = 'public' | 'operator-page' | 'operator-api';

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
