/**
 * Password sign-in, throttled in table login_attempts: strictly per IP (a window), and per account by a
 * growing delay, so guessing is slow. A browser that signed in to the account before (its device cookie) meets
 * only its own delay instead, so a stranger's failures cannot lock the operator out.
 */
// Decision: docs/decisions/024-sign-in-limits-and-password-hashing.md
import { and, eq, gt, inArray, lt, or, sql, like } from 'drizzle-orm';
import { loginAttempts, users } from '../../../db/schema';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../domain/constants';
import { ACCOUNT_MEMORY_MS, accountWaitMs, formatWait } from '../../domain/login-backoff';
import { rateLimitKey } from '../../domain/rate-limit-key';
import { tx, type Db } from '../db';
import { RateLimitedError, ValidationError } from '../errors';
import { recordAudit } from '../services/journal';
import { systemActor, userActor } from '../services/actor';
import { normalizeEmail } from '../../domain/credentials';
import { findUserByEmail } from '../services/users';
import { hashPassword, hashPasswordAsync, needsRehash, verifyPassword } from './password';
import { newToken } from './tokens';
import { issueDeviceToken, knownDeviceKey } from './device';
import { createSession, deleteSession } from './sessions';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  /** The session being replaced (rotated at sign-in). */
  previousSessionId?: string | null;
  /** The browser's device cookie for an account, by user id (device.ts). */
  deviceToken?: (userId: number) => string | null | undefined;
}

export interface SignedIn {
  token: string;
  userId: number;
  /** A fresh device token for this account, to set as its device cookie. */
  deviceToken: string;
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

/**
 * Throws RateLimitedError when the IP is over its limit or the account is still in its delay; a known device
 * (its throttling key from device.ts) is held to the same growing delay over its own failures alone.
 */
export function checkLoginAllowed(db: Db, email: string, ip: string | null, now: number, device: string | null = null): void {
  if (device) return checkDelay(db, device, now, 'Too many failed sign-ins from this browser.');
  if (ip) {
    const { count, oldest } = failuresSince(db, ipKey(ip), now - LOGIN_WINDOW_MS);
    if (count >= LOGIN_MAX_FAILURES) {
      const minutes = Math.max(1, Math.ceil(((oldest ?? now) + LOGIN_WINDOW_MS - now) / 60_000));
      throw new RateLimitedError(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
  }
  checkDelay(db, accountKey(email), now, 'Too many failed sign-ins for this account.');
}

function checkDelay(db: Db, key: string, now: number, message: string): void {
  const failures = failuresSince(db, key, now - ACCOUNT_MEMORY_MS);
  const wait = accountWaitMs(failures.count, failures.latest, now);
  if (wait > 0) throw new RateLimitedError(`${message} Try again in ${formatWait(wait)}.`);
}

function recordFailure(db: Db, input: SignInInput, userId: number | null, device: string | null, now: number): void {
  tx(db, () => {
    db.insert(loginAttempts).values({ key: accountKey(input.email), at: now }).run();
    if (device) db.insert(loginAttempts).values({ key: device, at: now }).run();
    if (input.ip) db.insert(loginAttempts).values({ key: ipKey(input.ip), at: now }).run();
    db.delete(loginAttempts)
      .where(or(lt(loginAttempts.at, now - ACCOUNT_MEMORY_MS), and(like(loginAttempts.key, 'ip:%'), lt(loginAttempts.at, now - LOGIN_WINDOW_MS))))
      .run();
    recordAudit(db, now, systemActor('sign-in', input.ip), 'user.login_failed', 'user', userId, { note: normalizeEmail(input.email) });
  });
}

/** Checks the password and opens a new session; returns the cookie token and a fresh device token. Upgrades an old-cost hash. */
export async function signIn(db: Db, input: SignInInput, now: number, idleMs: number): Promise<SignedIn> {
  const user = findUserByEmail(db, input.email);
  const device = user ? knownDeviceKey(db, user.id, input.deviceToken?.(user.id), now) : null;
  checkLoginAllowed(db, input.email, input.ip, now, device);
  // Unknown or disabled accounts still pay for one scrypt, so timing does not reveal which emails exist.
  const ok = (await verifyPassword(input.password, user?.passwordHash ?? dummyHash())) && !!user && !user.disabled;
  if (!ok || !user) {
    recordFailure(db, input, user?.id ?? null, device, now);
    throw new ValidationError('Wrong email or password.', { password: 'Wrong email or password.' }, 401);
  }
  const upgraded = needsRehash(user.passwordHash) ? await hashPasswordAsync(input.password) : null;
  return tx(db, () => {
    if (input.previousSessionId) deleteSession(db, input.previousSessionId);
    // a known device clears only its own failures: the operator signing in says nothing about the strangers'
    db.delete(loginAttempts).where(inArray(loginAttempts.key, [device ?? accountKey(input.email)])).run();
    db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
    // Only if the password was not changed meanwhile.
    if (upgraded) db.update(users).set({ passwordHash: upgraded }).where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash))).run();
    const token = createSession(db, user.id, now, idleMs, { ip: input.ip, userAgent: input.userAgent });
    recordAudit(db, now, userActor(user, input.ip), 'user.login', 'user', user.id);
    return { token, userId: user.id, deviceToken: issueDeviceToken(db, user.id, now) };
  });
}
