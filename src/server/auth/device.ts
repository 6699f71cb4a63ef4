/**
 * The sign-in device cookie: a signed token naming one account, set at each successful sign-in. A browser holding
 * it is a known device for that account: its own failures slow it down, nobody else's do.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { LINK_LIFETIME_MS, signLink, verifyLink } from '../mail/links';

/** One cookie per account, so one browser stays known for each account signed in from it. */
export const deviceCookieName = (userId: number): string => `sp_device_${userId}`;

export const DEVICE_COOKIE_MAX_AGE_S = LINK_LIFETIME_MS.device / 1000;

export function issueDeviceToken(db: Db, userId: number, now: number): string {
  return signLink(db, 'device', userId, now);
}

/** The throttling key of a valid, unexpired device token for this user; null for none, another user's, or a forged one. */
export function knownDeviceKey(db: Db, userId: number, token: string | null | undefined, now: number): string | null {
  if (!token || token.length > 300 || verifyLink(db, 'device', token, now) !== userId) return null;
  return `device:${createHash('sha256').update(token).digest('base64url')}`;
}
