/** Random tokens and their stored hashes. */
import { createHash, randomBytes } from 'node:crypto';
import { parseCookie } from 'cookie';

export const SESSION_COOKIE = 'sp_session';

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads one cookie from a Cookie header; malformed headers and values never throw (the first of duplicates wins). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header || !header.includes(name)) return null;
  return parseCookie(header)[name] ?? null;
}
