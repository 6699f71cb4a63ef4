/** The access gate of a private page: one call per request, answering who the viewer is or what to send instead. */
import { audienceComponents, audienceGroupsOf, ipAllowed, isMachineSurface, viewerAdmitted } from '../../domain/viewer-access';
import { readCookie } from '../auth/tokens';
import { getConfig } from '../config';
import type { Db } from '../db';
import { jsonError } from '../http/api-response';
import type { PageAccessConfig } from './config';
import { validateViewerSession, VIEWER_COOKIE, viewerCookie, type SignInMethod } from './sessions';
import { viewerOfToken } from './tokens';

interface Viewer {
  method: SignInMethod | 'token';
  email: string | null;
  /** Names of the audience groups the viewer is in (empty on a page without audience groups). */
  audienceGroups: string[];
  /** On an audience page, the components the viewer may see; null: the page's own set. */
  componentIds: number[] | null;
}

export type ViewerCheck = { allowed: true; viewer: Viewer; headers: Record<string, string> } | { allowed: false; response: Response };

export interface CheckContext {
  db: Db;
  now: number;
  /** The client address the front layer decided (TRUST_PROXY). */
  ip: string | null;
}

const PRIVATE = { 'cache-control': 'private, no-store', vary: 'Cookie' };

function viewerOf(config: PageAccessConfig, method: Viewer['method'], email: string | null, oidcGroups: string[]): Viewer | null {
  const groups = config.audience ?? [];
  const memberOf = audienceGroupsOf({ email, oidcGroups }, groups);
  if (!viewerAdmitted(config.audience, memberOf)) return null;
  return { method, email, audienceGroups: memberOf, componentIds: groups.length ? audienceComponents(memberOf, groups) : null };
}

function refusal(url: URL, config: PageAccessConfig): Response {
  if (isMachineSurface(url.pathname)) {
    const res = jsonError(401, 'viewer_token_required', 'This page is private: add ?token=<your viewer token> (create one after signing in at /access/tokens).');
    for (const [k, v] of Object.entries(PRIVATE)) res.headers.set(k, v);
    return res;
  }
  const next = encodeURIComponent(url.pathname + url.search);
  return new Response(null, { status: 303, headers: { ...PRIVATE, location: `/access/sign-in?page=${encodeURIComponent(config.pageId)}&next=${next}` } });
}

/**
 * Admits a viewer of a private page by IP allowlist, a feed/API token (machine surfaces only), or a viewer session;
 * else the sign-in page (HTML) or 401 (feeds, API). Copy `headers` (private caching, a rotated cookie) onto the answer.
 */
export function checkViewer(request: Request, config: PageAccessConfig, ctx: CheckContext): ViewerCheck {
  const url = new URL(request.url);
  const headers: Record<string, string> = { ...PRIVATE };
  if (config.ipAllowlist?.length && ipAllowed(ctx.ip, config.ipAllowlist)) {
    const viewer = viewerOf(config, 'ip', null, []);
    if (viewer) return { allowed: true, viewer, headers };
  }
  if (isMachineSurface(url.pathname)) {
    const owner = viewerOfToken(ctx.db, url.searchParams.get('token'), config.pageId, ctx.now);
    const viewer = owner && viewerOf(config, 'token', owner.email, owner.oidcGroups);
    if (viewer) return { allowed: true, viewer, headers };
  }
  const idleMs = getConfig().viewerSessionIdleMinutes * 60_000;
  const token = readCookie(request.headers.get('cookie') ?? undefined, VIEWER_COOKIE);
  const session = validateViewerSession(ctx.db, token, config.pageId, ctx.now, idleMs);
  const viewer = session && viewerOf(config, session.method, session.email, session.oidcGroups);
  const secure = url.protocol === 'https:' || getConfig().siteUrl.startsWith('https:');
  if (session?.rotatedToken) headers['set-cookie'] = viewerCookie(session.rotatedToken, secure, idleMs / 1000);
  if (viewer) return { allowed: true, viewer, headers };
  const response = refusal(url, config);
  if (session?.rotatedToken) response.headers.set('set-cookie', headers['set-cookie']);
  return { allowed: false, response };
}
