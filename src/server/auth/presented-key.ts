/** Where a request may carry an API key: `Authorization: Bearer <key>`, Statuspage's `Authorization: OAuth <key>`, and on its paths `?api_key=`. */

/** Statuspage's management API (src/server/statuspage-api): its clients may send the key in the query. */
const STATUSPAGE_API_PREFIX = '/api/v1/pages';

export function isStatuspageApiPath(pathname: string): boolean {
  return pathname === STATUSPAGE_API_PREFIX || pathname.startsWith(`${STATUSPAGE_API_PREFIX}/`);
}

/** The key the request presents, or null when it presents none (an empty one counts as presented: it is refused). */
export function presentedApiKey(authorization: string | null, url: URL): string | null {
  const m = authorization ? /^(Bearer|OAuth) +(.*)$/i.exec(authorization) : null;
  if (m) return m[2].trim();
  if (isStatuspageApiPath(url.pathname)) return url.searchParams.get('api_key');
  return null;
}
