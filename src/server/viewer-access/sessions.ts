/** Viewer sessions of private pages: their own table and cookie, hashed tokens, idle expiry, token rotation. */
import { eq, lt } from 'drizzle-orm';
import { viewerSessions } from '../../../db/schema';
import { sessionState } from '../../domain/viewer-access';
import type { Db } from '../db';
import { hashToken, newToken } from '../auth/tokens';

/** Never the operator cookie (`sp_session`): a viewer is not an operator. */
export const VIEWER_COOKIE = 'sp_viewer';

export type SignInMethod = 'email' | 'oidc' | 'ip';

export interface ViewerIdentity {
  method: SignInMethod;
  email: string | null;
  oidcGroups: string[];
}

export interface ViewerSession extends ViewerIdentity {
  id: string;
  pageId: string;
  /** A fresh token to set when the old one was rotated. */
  rotatedToken: string | null;
}

/** Starts a session for the page and returns the cookie token (its only copy). */
export function createViewerSession(db: Db, pageId: string, who: ViewerIdentity, now: number, idleMs: number): string {
  const token = newToken();
  db.insert(viewerSessions)
    .values({ id: hashToken(token), pageId, method: who.method, email: who.email, oidcGroups: JSON.stringify(who.oidcGroups), createdAt: now, tokenIssuedAt: now, lastSeenAt: now, expiresAt: now + idleMs })
    .run();
  return token;
}

/** The session a cookie token names on this page, its expiry slid; a token in use long enough is replaced. */
export function validateViewerSession(db: Db, token: string | null, pageId: string, now: number, idleMs: number): ViewerSession | null {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const row = db.select().from(viewerSessions).where(eq(viewerSessions.id, id)).get();
  if (!row || row.pageId !== pageId) return null;
  const state = sessionState(row, now);
  if (state === 'expired') return null;
  let rotatedToken: string | null = null;
  let current = id;
  if (state === 'rotate') {
    rotatedToken = newToken();
    current = hashToken(rotatedToken);
  }
  const set = { id: current, lastSeenAt: now, expiresAt: now + idleMs, ...(rotatedToken ? { tokenIssuedAt: now } : {}) };
  db.update(viewerSessions).set(set).where(eq(viewerSessions.id, id)).run();
  return { id: current, pageId, method: row.method as SignInMethod, email: row.email, oidcGroups: JSON.parse(row.oidcGroups) as string[], rotatedToken };
}

export function deleteViewerSession(db: Db, token: string | null): void {
  if (token && token.length <= 200) db.delete(viewerSessions).where(eq(viewerSessions.id, hashToken(token))).run();
}

export function purgeExpiredViewerSessions(db: Db, now: number): void {
  db.delete(viewerSessions).where(lt(viewerSessions.expiresAt, now)).run();
}

/** The Set-Cookie value: HttpOnly, SameSite=Lax, Secure on https, and gone with the idle time. */
export function viewerCookie(token: string, secure: boolean, maxAgeS: number): string {
  return `${VIEWER_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

/** The unexpired session a cookie token names, on whatever page (for the viewer's own token list). */
export function findViewerSession(db: Db, token: string | null | undefined, now: number): { pageId: string; email: string | null; oidcGroups: string[] } | null {
  if (!token || token.length > 200) return null;
  const row = db.select().from(viewerSessions).where(eq(viewerSessions.id, hashToken(token))).get();
  if (!row || row.expiresAt <= now) return null;
  return { pageId: row.pageId, email: row.email, oidcGroups: JSON.parse(row.oidcGroups) as string[] };
}
