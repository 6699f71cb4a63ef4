/** Per-viewer tokens for a private page's feeds and /api/v2: hashed, listed by their owner, revocable. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { viewerTokens } from '../../../db/schema';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { hashToken, newToken } from '../auth/tokens';

/** Tokens read `vt_` + 43 characters; the prefix is what lists show. */
const PREFIX = 'vt_';

export interface ViewerTokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const shown = { id: viewerTokens.id, name: viewerTokens.name, prefix: viewerTokens.prefix, createdAt: viewerTokens.createdAt, lastUsedAt: viewerTokens.lastUsedAt, revokedAt: viewerTokens.revokedAt };

/** Creates a token for the viewer and returns it (its only copy) with its row id. */
export function createViewerToken(db: Db, owner: { pageId: string; email: string; oidcGroups: string[] }, name: string, now: number): { id: number; token: string } {
  const token = PREFIX + newToken();
  const row = db
    .insert(viewerTokens)
    .values({ pageId: owner.pageId, email: owner.email, oidcGroups: JSON.stringify(owner.oidcGroups), tokenHash: hashToken(token), prefix: token.slice(0, 10), name, createdAt: now })
    .returning({ id: viewerTokens.id })
    .get();
  return { id: row.id, token };
}

/** The viewer's own tokens on a page, newest first. */
export function listViewerTokens(db: Db, pageId: string, email: string): ViewerTokenRow[] {
  return db.select(shown).from(viewerTokens).where(and(eq(viewerTokens.pageId, pageId), eq(viewerTokens.email, email))).orderBy(desc(viewerTokens.id)).all();
}

/** Every token of a page, for the admin. */
export function listPageTokens(db: Db, pageId: string): (ViewerTokenRow & { email: string })[] {
  return db.select({ ...shown, email: viewerTokens.email }).from(viewerTokens).where(eq(viewerTokens.pageId, pageId)).orderBy(desc(viewerTokens.id)).all();
}

/** Revokes a token; `owner` limits it to that viewer's own (another's is "not found", never "forbidden"). */
export function revokeViewerToken(db: Db, id: number, now: number, owner?: { pageId: string; email: string }): { pageId: string; email: string } {
  const row = db.select().from(viewerTokens).where(eq(viewerTokens.id, id)).get();
  if (!row || (owner && (row.pageId !== owner.pageId || row.email !== owner.email))) throw new NotFoundError('No such token.');
  if (row.revokedAt === null) db.update(viewerTokens).set({ revokedAt: now }).where(eq(viewerTokens.id, id)).run();
  return { pageId: row.pageId, email: row.email };
}

/** The viewer a live token names on this page, else null; notes its use at most once a minute. */
export function viewerOfToken(db: Db, token: string | null, pageId: string, now: number): { email: string; oidcGroups: string[] } | null {
  if (!token || !token.startsWith(PREFIX) || token.length > 100) return null;
  const row = db
    .select()
    .from(viewerTokens)
    .where(and(eq(viewerTokens.tokenHash, hashToken(token)), isNull(viewerTokens.revokedAt)))
    .get();
  if (!row || row.pageId !== pageId) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000) db.update(viewerTokens).set({ lastUsedAt: now }).where(eq(viewerTokens.id, row.id)).run();
  return { email: row.email, oidcGroups: JSON.parse(row.oidcGroups) as string[] };
}
