/** The OpenID provider's answer: a viewer session on the page the sign-in started from, or a refusal. */
import type { APIRoute } from 'astro';
import { oidcCallbackUrl } from '../../../server/viewer-access/oidc';
import { setViewerCookie, signInBaseUrl, takeOidcFlowCookie, viewerNext } from '../../../server/viewer-access/http';
import { signInWithOidc } from '../../../server/viewer-access/sign-in';

export const GET: APIRoute = async ({ url, locals, cookies, redirect }) => {
  // The registered redirect URI (the private page's host, else SITE_URL), whatever Host the proxy passed, with the provider's parameters.
  const signedIn = await signInWithOidc(locals.ctx.db, new URL(oidcCallbackUrl(signInBaseUrl(locals.page)) + url.search), takeOidcFlowCookie(cookies), locals.ip, locals.now);
  setViewerCookie(cookies, signedIn.token);
  return redirect(viewerNext(signedIn.next), 303);
};
