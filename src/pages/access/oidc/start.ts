/** Sends the browser to the page's OpenID provider (authorization code flow with PKCE, state and nonce). */
import type { APIRoute } from 'astro';
import { NotFoundError } from '../../../server/errors';
import { readAccessConfig } from '../../../server/viewer-access/config';
import { accessPageIdOf, setOidcFlowCookie, signInBaseUrl } from '../../../server/viewer-access/http';
import { startOidcSignIn } from '../../../server/viewer-access/oidc';

export const GET: APIRoute = async ({ url, locals, cookies, redirect }) => {
  const config = readAccessConfig(locals.ctx.db, accessPageIdOf(locals.page, url) ?? '');
  if (!config?.oidc) throw new NotFoundError('This page offers no single sign-on.');
  const started = await startOidcSignIn(locals.ctx.db, config.pageId, config.oidc, url.searchParams.get('next') ?? '/', locals.now, signInBaseUrl(locals.page));
  setOidcFlowCookie(cookies, started.browserToken);
  return redirect(started.url, 303);
};
