/** Authentication and access decided once for every request. */
import { defineMiddleware } from 'astro:middleware';
import { accessFor, isCrossOrigin } from './server/auth/guard';
import { hasRole, roleForPath } from './server/auth/permissions';
import { actorFor } from './server/services/actor';
import { validateSession } from './server/auth/sessions';
import { readCookie, SESSION_COOKIE } from './server/auth/tokens';
import { getConfig } from './server/config';
import { getDb } from './server/db';
import { authenticateApiKey } from './server/services/users';
import { jsonError } from './server/http/api-response';
import { statuspageError, toJsonError, toStatuspageError } from './server/http/error-adapters';
import { isStatuspageApiPath, presentedApiKey } from './server/auth/presented-key';
import { toAppError } from './server/errors';
import { htmlErrorResponse } from './server/http/error-page';
import { currentVersion } from './server/changes';
import { pageForRequest } from './server/queries/pages';
import { pageAccess } from './server/http/page-access';
import { isPublicPage } from './domain/pages';

/** Public routes every host answers as they are: operators sign in on any host. */
const OPERATOR_DOORS = new Set(['/admin/login', '/admin/setup']);
/** A private page's viewers sign in here, on the page's own host (the routes check the viewer themselves). */
const isViewerDoor = (path: string) => path.startsWith('/access/');

export const onRequest = defineMiddleware(async (ctx, next) => {
  const config = getConfig();
  const db = getDb();
  const now = Date.now();
  ctx.locals.now = now;
  // Taken before any read, so live.js resumes from a change id no newer than the data the page shows.
  ctx.locals.changeVersion = currentVersion();
  ctx.locals.user = null;
  ctx.locals.sessionId = null;
  ctx.locals.apiKey = null;
  // Decided once by the front layer (src/server/http/front.ts) and passed as locals; no header can set it.
  ctx.locals.ip ??= null;
  ctx.locals.mirror ??= false;

  const token = readCookie(ctx.request.headers.get('cookie') ?? undefined, SESSION_COOKIE);
  const session = token ? validateSession(db, token, now, config.sessionIdleMinutes * 60_000) : null;
  if (session) {
    ctx.locals.user = session.user;
    ctx.locals.sessionId = session.id;
  }
  const presented = presentedApiKey(ctx.request.headers.get('authorization'), ctx.url);
  const bearer = presented !== null;
  if (presented !== null) {
    const key = authenticateApiKey(db, presented, now);
    if (key) ctx.locals.apiKey = { id: key.id, name: key.name, scope: key.scope, holder: key.holder, holderUserId: key.ownerUserId };
  }
  // Statuspage's clients read `{"error": "…"}`; the rest of /api/v1 keeps its own error body.
  const statuspage = isStatuspageApiPath(ctx.url.pathname);
  const apiError = (status: number, code: string, message: string) => (statuspage ? statuspageError(status, message, undefined, code) : jsonError(status, code, message));

  ctx.locals.actor = actorFor({ user: ctx.locals.user, apiKey: ctx.locals.apiKey, ip: ctx.locals.ip });
  ctx.locals.ctx = { db, now, actor: ctx.locals.actor };

  const access = accessFor(ctx.url.pathname);
  // Issue 24: the page this host names, once; every public read is scoped to it.
  const page = (ctx.locals.page = pageForRequest(db, ctx.request.headers.get('host')));
  ctx.locals.ctx.page = page;
  let viewerHeaders: Record<string, string> = {};
  if (access === 'public' && !OPERATOR_DOORS.has(ctx.url.pathname) && !isViewerDoor(ctx.url.pathname)) {
    const admitted = pageAccess(ctx.request, page, { db, now, ip: ctx.locals.ip });
    if (!admitted.allowed) return admitted.response;
    // An audience viewer reads the page narrowed to their groups' components, on every surface.
    ctx.locals.page = ctx.locals.ctx.page = admitted.page;
    viewerHeaders = admitted.headers;
  }
  if (access === 'operator-api') {
    if (bearer && !ctx.locals.apiKey) return apiError(401, 'unauthorized', 'The API key is invalid or revoked.');
    if (!ctx.locals.apiKey && !ctx.locals.user) return apiError(401, 'unauthorized', 'Send an API key as "Authorization: Bearer <key>" (or "OAuth <key>").');
    if (!ctx.locals.apiKey && isCrossOrigin(ctx.request.method, ctx.request.headers, config.siteUrl)) {
      return apiError(403, 'cross_origin', 'Cross-origin requests with cookies are refused.');
    }
  } else if (access === 'operator-page') {
    if (!ctx.locals.user) {
      if (ctx.request.method !== 'GET' && ctx.request.method !== 'HEAD') return new Response('Sign in first.', { status: 401 });
      return ctx.redirect(`/admin/login?next=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`, 303);
    }
    if (isCrossOrigin(ctx.request.method, ctx.request.headers, config.siteUrl)) {
      return new Response('Cross-origin form posts are refused.', { status: 403 });
    }
    if (!hasRole(ctx.locals.user.role, roleForPath(ctx.url.pathname))) {
      return new Response('Only admins can open this page.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  } else if (isCrossOrigin(ctx.request.method, ctx.request.headers, config.siteUrl) && ctx.url.pathname.startsWith('/admin')) {
    return new Response('Cross-origin form posts are refused.', { status: 403 });
  }

  let res: Response;
  try {
    res = await next();
  } catch (err) {
    // Typed errors thrown by a route (authorize, a refused form body, storage failures) answer 4xx/503, not 500.
    const known = toAppError(err);
    if (!known) throw err;
    res = statuspage ? toStatuspageError(known) : access === 'operator-api' || ctx.url.pathname.startsWith('/api/') ? toJsonError(known) : htmlErrorResponse(known);
  }
  if (access !== 'public' || ctx.locals.user || ctx.url.pathname.startsWith('/admin')) res.headers.set('cache-control', 'private, no-store');
  else if (!isPublicPage(page)) res.headers.set('cache-control', 'private, no-store');
  // The viewer's rotated session cookie and private caching, from the access gate.
  for (const [k, v] of Object.entries(viewerHeaders)) {
    if (k === 'set-cookie') res.headers.append(k, v);
    else if (k !== 'cache-control') res.headers.set(k, v);
  }
  return res;
});
