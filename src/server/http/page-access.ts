/**
 * The one seam where a viewer is admitted to a page (issue 24), called by src/middleware.ts for every public route of
 * a page's host. Public pages admit everyone; private and audience pages ask the viewer-access gate (checkViewer)
 * with the page's access configuration, and a page nobody configured admits nobody.
 */
import { isPublicPage, pageForViewer } from '../../domain/pages';
import { UnauthorizedError } from '../errors';
import type { PageScope } from '../queries/pages';
import { checkViewer, type CheckContext } from '../viewer-access/check-viewer';
import { accessPageId, readAccessConfig } from '../viewer-access/config';
import { toJsonError } from './error-adapters';
import type { PageCacheScope } from './front';
import { htmlErrorResponse } from './error-page';

/** Admitted: the page as this viewer sees it (an audience viewer's components only) and headers for the answer. */
export type PageAccess = { allowed: true; page: PageScope; headers: Record<string, string> } | { allowed: false; response: Response };

/** May this request see this page? */
export function pageAccess(request: Request, page: PageScope, ctx: CheckContext): PageAccess {
  if (isPublicPage(page)) return { allowed: true, page, headers: {} };
  const config = readAccessConfig(ctx.db, accessPageId(page));
  if (!config) return { allowed: false, response: refusePageAccess(new URL(request.url).pathname, 'This status page is private: sign in to view it.') };
  const check = checkViewer(request, config, ctx);
  if (!check.allowed) return { allowed: false, response: onOwnHost(check.response, new URL(request.url)) };
  return { allowed: true, page: pageForViewer(page, check.viewer.componentIds), headers: check.headers };
}

/** The host names the page: its sign-in redirect needs no `?page=`. */
function onOwnHost(res: Response, url: URL): Response {
  if (res.status === 303) res.headers.set('location', `/access/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  return res;
}

/** A path read by tools rather than people (feeds, the API, badges, calendars, exports): refused as JSON, not a page. */
function isMachinePath(path: string): boolean {
  return path.startsWith('/api/') || /\.[a-z]+$/.test(path);
}

/** The answer to a viewer of a page without sign-in: 401 as a page for documents, as JSON for feeds and the API. */
function refusePageAccess(path: string, reason: string): Response {
  const err = new UnauthorizedError(reason);
  const res = isMachinePath(path) ? toJsonError(err) : htmlErrorResponse(err);
  res.headers.set('cache-control', 'private, no-store');
  return res;
}

/** A page's part in the front cache: the default page keeps the plain keys, others a prefix; private pages none. */
export function pageCacheScope(page: PageScope): PageCacheScope {
  return { prefix: page.isDefault ? '' : `@${page.id}`, cacheable: isPublicPage(page) };
}
