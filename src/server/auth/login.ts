/** Password sign-in with per-account and per-IP rate limiting of failures (table login_attempts). */
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { loginAttempts, users } from '../../../db/schema';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../domain/constants';
import { tx, type Db } from '../db';
import { RateLimitedError, ValidationError } from '../errors';
import { recordAudit } from '../services/journal';
import { findUserByEmail, normalizeEmail } from '../services/users';
import { hashPassword, verifyPassword } from './password';
import { newToken } from './tokens';
import { createSession, deleteSession } from './sessions';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  /** The session being replaced (rotated at sign-in). */
  previousSessionId?: string | null;
}

let dummy: string | null = null;
function dummyHash(): string {
  dummy ??= hashPassword(newToken());
  return dummy;
}

function attemptKeys(email: string, ip: string | null): string[] {
  return [`account:${normalizeEmail(email)}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** Failures recorded in the window for any of the keys, worst key first. */
function recentFailures(db: Db, keys: string[], now: number): { count: number; oldest: number } {
  let worst = { count: 0, oldest: now };
  for (const key of keys) {
    const r = db
      .select({ n: sql<number>`count(*)`, oldest: sql<number>`min(${loginAttempts.at})` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, now - LOGIN_WINDOW_MS)))
      .get();
    if (r && r.n > worst.count) worst = { count: r.n, oldest: r.oldest };
  }
  return worst;
}

/** Throws RateLimitedError when the account or the IP has too many recent failures. */
export function checkLoginAllowed(db: Db, email: string, ip: string | null, now: number): void {
  const { count, oldest } = recentFailures(db, attemptKeys(email, ip), now);
  if (count >= LOGIN_MAX_FAILURES) {
    const minutes = Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - now) / 60_000));
    throw new RateLimitedError(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}

/** Checks the password and opens a new session; returns the cookie token. */
export async function signIn(db: Db, input: SignInInput, now: number, idleMs: number): Promise<{ token: string; userId: number }> {
  checkLoginAllowed(db, input.email, input.ip, now);
  const user = findUserByEmail(db, input.email);
  // Unknown or disabled accounts still pay for one scrypt, so timing does not reveal which emails exist.
  const ok = (await verifyPassword(input.password, user?.passwordHash ?? dummyHash())) && !!user && !user.disabled;
  const keys = attemptKeys(input.email, input.ip);
  if (!ok || !user) {
    tx(db, () => {
      for (const key of keys) db.insert(loginAttempts).values({ key, at: now }).run();
      db.delete(loginAttempts).where(lt(loginAttempts.at, now - LOGIN_WINDOW_MS)).run();
      recordAudit(db, now, { type: 'system', name: 'sign-in', ip: input.ip }, 'user.login_failed', 'user', user?.id ?? null, { note: normalizeEmail(input.email) });
    });
    throw new ValidationError('Wrong email or password.', { password: 'Wrong email or password.' }, 401);
  }
  return tx(db, () => {
    if (input.previousSessionId) deleteSession(db, input.previousSessionId);
    db.delete(loginAttempts).where(inArray(loginAttempts.key, keys.slice(0, 1))).run();
    db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
    const token = createSession(db, user.id, now, idleMs, { ip: input.ip, userAgent: input.userAgent });
    recordAudit(db, now, { type: 'user', name: user.email, ip: input.ip }, 'user.login', 'user', user.id);
    return { token, userId: user.id };
  });
}
