/** Small helpers shared by admin routes: cookies, safe redirects, form tokens, form field schemas. */
import type { AstroCookies } from 'astro';
import { z } from 'zod';
import { newToken, SESSION_COOKIE } from '../auth/tokens';
import { getConfig } from '../config';

export function setSessionCookie(cookies: AstroCookies, token: string): void {
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: getConfig().siteUrl.startsWith('https:'), path: '/' });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** `next` only when it is a local path (never //host or a scheme), else /admin. */
export function localPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return '/admin';
  return next;
}

/** A fresh random token for one rendered form; the services dedupe submits carrying the same one. */
export function newFormToken(): string {
  return newToken(18);
}

/** FormData of a POST, or an empty one when the body is not a form. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

export const text = (max: number, label = 'This field') =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
