/**
 * Password sign-in, throttled in table login_attempts: strictly per IP (a window), and per account by a
 * growing delay, so guessing is slow but a stranger cannot lock an operator out.
 */
import { and, eq, gt, inArray, lt, or, sql, like } from 'drizzle-orm';
import { loginAttempts, users } from '../../../db/schema';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../domain/constants';
import { ACCOUNT_MEMORY_MS, accountWaitMs, formatWait } from '../../domain/login-backoff';
import { rateLimitKey } from '../../domain/rate-limit-key';
import { tx, type Db } from '../db';
import { RateLimitedError, ValidationError } from '../errors';
import { recordAudit } from '../services/journal';
import { findUserByEmail, normalizeEmail } from '../services/users';
import { hashPassword, hashPasswordAsync, needsRehash, verifyPassword } from './password';
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

const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
// a whole IPv6 /64 is one client: it is what one subscriber is given
const ipKey = (ip: string) => `ip:${rateLimitKey(ip)}`;

function failuresSince(db: Db, key: string, since: number): { count: number; oldest: number | null; latest: number | null } {
  const r = db
    .select({ count: sql<number>`count(*)`, oldest: sql<number | null>`min(${loginAttempts.at})`, latest: sql<number | null>`max(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)))
    .get();
  return r ?? { count: 0, oldest: null, latest: null };
}

/** Throws RateLimitedError when the IP is over its limit or the account is still in its delay. */
export function checkLoginAllowed(db: Db, email: string, ip: string | null, now: number): void {
  if (ip) {
    const { count, oldest } = failuresSince(db, ipKey(ip), now - LOGIN_WINDOW_MS);
    if (count >= LOGIN_MAX_FAILURES) {
      const minutes = Math.max(1, Math.ceil(((oldest ?? now) + LOGIN_WINDOW_MS - now) / 60_000));
      throw new RateLimitedError(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
  }
  const account = failuresSince(db, accountKey(email), now - ACCOUNT_MEMORY_MS);
  const wait = accountWaitMs(account.count, account.latest, now);
  if (wait > 0) throw new RateLimitedError(`Too many failed sign-ins for this account. Try again in ${formatWait(wait)}.`);
}

function recordFailure(db: Db, input: SignInInput, userId: number | null, now: number): void {
  tx(db, () => {
    db.insert(loginAttempts).values({ key: accountKey(input.email), at: now }).run();
    if (input.ip) db.insert(loginAttempts).values({ key: ipKey(input.ip), at: now }).run();
    db.delete(loginAttempts)
      .where(or(lt(loginAttempts.at, now - ACCOUNT_MEMORY_MS), and(like(loginAttempts.key, 'ip:%'), lt(loginAttempts.at, now - LOGIN_WINDOW_MS))))
      .run();
    recordAudit(db, now, { type: 'system', name: 'sign-in', ip: input.ip }, 'user.login_failed', 'user', userId, { note: normalizeEmail(input.email) });
  });
}

/** Checks the password and opens a new session; returns the cookie token. Upgrades an old-cost hash. */
export async function signIn(db: Db, input: SignInInput, now: number, idleMs: number): Promise<{ token: string; userId: number }> {
  checkLoginAllowed(db, input.email, input.ip, now);
  const user = findUserByEmail(db, input.email);
  // Unknown or disabled accounts still pay for one scrypt, so timing does not reveal which emails exist.
  const ok = (await verifyPassword(input.password, user?.passwordHash ?? dummyHash())) && !!user && !user.disabled;
  if (!ok || !user) {
    recordFailure(db, input, user?.id ?? null, now);
    throw new ValidationError('Wrong email or password.', { password: 'Wrong email or password.' }, 401);
  }
  const upgraded = needsRehash(user.passwordHash) ? await hashPasswordAsync(input.password) : null;
  return tx(db, () => {
    if (input.previousSessionId) deleteSession(db, input.previousSessionId);
    db.delete(loginAttempts).where(inArray(loginAttempts.key, [accountKey(input.email)])).run();
    db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
    // Only if the password was not changed meanwhile.
    if (upgraded) db.update(users).set({ passwordHash: upgraded }).where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash))).run();
    const token = createSession(db, user.id, now, idleMs, { ip: input.ip, userAgent: input.userAgent });
    recordAudit(db, now, { type: 'user', name: user.email, ip: input.ip }, 'user.login', 'user', user.id);
    return { token, userId: user.id };
  });
}
