/**
 * The one seam where a viewer is admitted to a page (issue 24), called by src/middleware.ts for every public route of
 * a page's host. Public pages admit everyone. Private and audience pages admit nobody yet: the viewer-access module
 * (e-mail link, OpenID Connect, IP allowlist, feed tokens) replaces `refuse` with its checks.
 */
import { isPublicPage } from '../../domain/pages';
import { UnauthorizedError } from '../errors';
import type { PageScope } from '../queries/pages';
import { toJsonError } from './error-adapters';
import type { PageCacheScope } from './front';
import { htmlErrorResponse } from './error-page';

export type PageAccess = 'allowed' | { signIn: { page: string; reason: string } };

/** May this request see this page? */
export function pageAccess(_request: Request, page: PageScope): PageAccess {
  if (isPublicPage(page)) return 'allowed';
  return { signIn: { page: page.slug, reason: 'This status page is private: sign in to view it.' } };
}

/** A path read by tools rather than people (feeds, the API, badges, calendars, exports): refused as JSON, not a page. */
function isMachinePath(path: string): boolean {
  return path.startsWith('/api/') || /\.[a-z]+$/.test(path);
}

/** The answer to a refused viewer: the sign-in page for documents, 401 JSON for feeds and the API. */
export function refusePageAccess(path: string, refusal: Exclude<PageAccess, 'allowed'>): Response {
  const err = new UnauthorizedError(refusal.signIn.reason);
  const res = isMachinePath(path) ? toJsonError(err) : htmlErrorResponse(err);
  res.headers.set('cache-control', 'private, no-store');
  return res;
}

/** A page's part in the front cache: the default page keeps the plain keys, others a prefix; private pages none. */
export function pageCacheScope(page: PageScope): PageCacheScope {
  return { prefix: page.isDefault ? '' : `@${page.id}`, cacheable: isPublicPage(page) };
}
