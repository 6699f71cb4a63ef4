/** Server-side sessions: stored hashed, rotated at sign-in, expiring after inactivity. */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema';
import type { Db } from '../db';
import { prepared } from '../queries/prepared';
import { bestEffort } from '../storage-health';
import { hashToken, newToken } from './tokens';

export type SessionUser = Pick<typeof users.$inferSelect, 'id' | 'email' | 'name' | 'role'>;

export interface ValidSession {
  id: string;
  user: SessionUser;
}

/** Creates a session for the user and returns the cookie token (the only copy). */
export function createSession(db: Db, userId: number, now: number, idleMs: number, meta: { ip?: string | null; userAgent?: string | null } = {}): string {
  const token = newToken();
  db.insert(sessions)
    .values({ id: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt: now + idleMs, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
    .run();
  return token;
}

// Every signed-in request asks this (twice: the front layer, then the middleware): built once per handle.
const sessionQ = prepared((db) =>
  db
    .select({ id: sessions.id, lastSeenAt: sessions.lastSeenAt, user: { id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare(),
);

/** The session's user if the token is valid and unexpired; slides the expiry (at most once a minute). */
export function validateSession(db: Db, token: string | null, now: number, idleMs: number): ValidSession | null {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const row = sessionQ(db).get({ id, now });
  if (!row || row.user.disabled) return null;
  if (now - row.lastSeenAt > 60_000) bestEffort(() => db.update(sessions).set({ lastSeenAt: now, expiresAt: now + idleMs }).where(eq(sessions.id, id)).run());
  const { disabled: _d, ...user } = row.user;
  return { id, user };
}

export function deleteSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Signs a user out everywhere. */
export function deleteUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function purgeExpiredSessions(db: Db, now: number): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}
