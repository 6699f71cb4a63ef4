/** Small helpers shared by admin routes: cookies, safe redirects, form tokens, form field schemas. */
import type { AstroCookies } from 'astro';
import { z } from 'zod';
import { DEVICE_COOKIE_MAX_AGE_S, deviceCookieName } from '../auth/device';
import { newToken, SESSION_COOKIE } from '../auth/tokens';
import { getConfig } from '../config';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors';

/** Readable by scripts and carrying no authority: it only tells public pages to show their "manage" links (public/js/operator-link.js). */
const OPERATOR_HINT_COOKIE = 'sp_operator';

export function setSessionCookie(cookies: AstroCookies, token: string): void {
  const secure = getConfig().siteUrl.startsWith('https:');
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  cookies.set(OPERATOR_HINT_COOKIE, '1', { httpOnly: false, sameSite: 'lax', secure, path: '/' });
}

/** The account's device cookie (src/server/auth/device.ts): sent only to the sign-in page. */
export function setDeviceCookie(cookies: AstroCookies, userId: number, token: string): void {
  cookies.set(deviceCookieName(userId), token, { httpOnly: true, sameSite: 'strict', secure: getConfig().siteUrl.startsWith('https:'), path: '/admin/login', maxAge: DEVICE_COOKIE_MAX_AGE_S });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
  cookies.delete(OPERATOR_HINT_COOKIE, { path: '/' });
}

const ORIGIN = 'http://local.invalid';

function isLocalPath(p: string): boolean {
  // Browsers strip tabs and newlines and read \ as /, so "/\t/evil" and "/\\evil" would leave the site.
  if (p.length > 2000 || !p.startsWith('/') || p.startsWith('//') || p.includes('\\') || /[\s\p{Cc}\p{Cf}]/u.test(p)) return false;
  try {
    const u = new URL(p, ORIGIN);
    return u.origin === ORIGIN && u.href === ORIGIN + p;
  } catch {
    return false;
  }
}

/** `next` only when it is a same-origin absolute path, also once more URL-decoded; else /admin. */
export function localPath(next: string | null | undefined): string {
  if (!next || !isLocalPath(next)) return '/admin';
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return '/admin';
  }
  // Decoded once more (as a careless proxy or page might) it must still not point elsewhere.
  return /^\/(?![/\\])/.test(decoded) && !/[\\\p{Cc}]/u.test(decoded) ? next : '/admin';
}

/** A fresh random token for one rendered form; the services dedupe submits carrying the same one. */
export function newFormToken(): string {
  return newToken(18);
}

const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** FormData of a POST; a body that is not a form answers 415, an unreadable one 400 (via the middleware). */
export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPE.test(request.headers.get('content-type') ?? '')) {
    throw new UnsupportedMediaTypeError('This page accepts only form posts (application/x-www-form-urlencoded or multipart/form-data).');
  }
  try {
    return await request.formData();
  } catch {
    throw new BadRequestError('The form could not be read; please submit it again.');
  }
}

export const text = (max: number, label = 'This field') =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
