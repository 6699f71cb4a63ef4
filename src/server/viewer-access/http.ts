/** Cookie and redirect helpers for the /access routes (viewer sign-in), apart from the operator's. */
import type { AstroCookies } from 'astro';
import { getConfig } from '../config';
import { pageSiteUrl } from '../queries/pages';
import { localPath } from '../http/admin-page';
import { OIDC_FLOW_COOKIE } from './oidc';
import { VIEWER_COOKIE } from './sessions';
import { isPublicPage } from '../../domain/pages';
import type { PageScope } from '../queries/pages';
import { accessPageId } from './config';

const secure = () => getConfig().siteUrl.startsWith('https:');

/** HttpOnly, SameSite=Lax (the e-mail link and the provider's redirect are top-level navigations), Secure on https. */
export function setViewerCookie(cookies: AstroCookies, token: string): void {
  cookies.set(VIEWER_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(), path: '/', maxAge: getConfig().viewerSessionIdleMinutes * 60 });
}

export function clearViewerCookie(cookies: AstroCookies): void {
  cookies.delete(VIEWER_COOKIE, { path: '/' });
}

export function readViewerCookie(cookies: AstroCookies): string | null {
  return cookies.get(VIEWER_COOKIE)?.value ?? null;
}

/** Binds an OpenID sign-in to this browser for the ten minutes it may take; sent back only to the callback. */
export function setOidcFlowCookie(cookies: AstroCookies, token: string): void {
  cookies.set(OIDC_FLOW_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(), path: '/access/oidc', maxAge: 600 });
}

export function takeOidcFlowCookie(cookies: AstroCookies): string | null {
  const value = cookies.get(OIDC_FLOW_COOKIE)?.value ?? null;
  cookies.delete(OIDC_FLOW_COOKIE, { path: '/access/oidc' });
  return value;
}

/** Where to land after signing in: a same-site path, else the page's front (never the admin). */
export function viewerNext(next: string | null | undefined): string {
  const p = localPath(next);
  return p === '/admin' || p.startsWith('/admin/') ? '/' : p;
}

/**
 * The page a viewer signs in to: the host's own page when it is private or audience; on a public host the `?page=`
 * parameter (configurations made before pages were wired to hosts).
 */
export function accessPageIdOf(page: PageScope, url: URL): string | null {
  return isPublicPage(page) ? url.searchParams.get('page') : accessPageId(page);
}

/** Where a private page's viewers sign in: its own host (the session cookie belongs there), else SITE_URL. */
export function signInBaseUrl(page: PageScope): string {
  return isPublicPage(page) ? getConfig().siteUrl : pageSiteUrl(getConfig().siteUrl, page);
}
