/** Which methods each area of the site answers; everything else is refused in the front layer, before rendering. */

const READ = ['GET', 'HEAD', 'OPTIONS'];
const WRITE = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Areas with write endpoints: the admin (its forms, sign-in and setup included), the write API, Astro Actions. */
const WRITE_AREAS = ['/admin', '/api/v1', '/_actions'];
/** Public forms: subscribing (Statuspage's API call too), confirming, managing and (RFC 8058 one-click) unsubscribing; viewer sign-in. */
const PUBLIC_FORMS = new Set([
  '/api/v2/subscribers.json', '/subscribe', '/subscribe/confirm', '/subscribe/manage', '/subscribe/unsubscribe', '/subscribe/webhook-confirm', '/subscribe/webhook-unsubscribe',
  // private pages' viewers: asking for a sign-in link, spending it, their tokens, signing out (issue 24)
  '/access/sign-in', '/access/link', '/access/tokens', '/access/sign-out',
]);
const FORM = ['GET', 'HEAD', 'POST', 'OPTIONS'];

/** The methods a canonical path accepts (the `Allow` header of a 405). */
export function allowedMethods(path: string): readonly string[] {
  if (PUBLIC_FORMS.has(path)) return FORM;
  return WRITE_AREAS.some((a) => path === a || path.startsWith(`${a}/`)) ? WRITE : READ;
}
