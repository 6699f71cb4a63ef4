/** Sign-in by e-mail: a one-time link to listed addresses and domains, rate-limited, with one answer for everyone. */
import { and, eq, isNull, lt } from 'drizzle-orm';
import { viewerLinks } from '../../../db/schema';
import { ClearingMemo } from '../../domain/clearing-memo';
import { escapeHtml } from '../../domain/html-escape';
import { rateLimitKey } from '../../domain/rate-limit-key';
import { takeTokens, type Bucket } from '../../domain/token-bucket';
import { emailAllowed, VIEWER_LINK_LIFETIME_MS, VIEWER_LINK_RATE } from '../../domain/viewer-access';
import type { Db } from '../db';
import { RateLimitedError, ValidationError } from '../errors';
import { hashToken, newToken } from '../auth/tokens';
import type { Message } from '../mail/compose';
import { enqueueMail } from '../services/mail-outbox';
import type { PageAccessConfig } from './config';

// Per process, like the live-stream limit: a restart forgives, a flood from one client or at one address does not pass.
const buckets = new ClearingMemo<string, Bucket>(10_000);

function take(key: string, now: number): boolean {
  const t = takeTokens(buckets.get(key), 1, now, VIEWER_LINK_RATE);
  buckets.set(key, t.bucket);
  return t.ok;
}

/** The one answer to every link request, listed address or not, so the form tells nobody who may view the page. */
export const LINK_SENT_MESSAGE = 'If this address may view the page, a sign-in link is on its way. It works once, for 15 minutes.';

function linkMessage(pageName: string, url: string): Message {
  const subject = `Sign in to ${pageName}`;
  const text = `Someone (hopefully you) asked to view the ${pageName} status page.\n\nSign in: ${url}\n\nThe link works once, for 15 minutes. If you did not ask, ignore this e-mail.`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif"><p>Someone (hopefully you) asked to view the ${escapeHtml(pageName)} status page.</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once, for 15 minutes. If you did not ask, ignore this e-mail.</p></body></html>`;
  return { subject, text, html };
}

/**
 * Counts the request against the client's and the address's buckets (allowed or not: a refusal must not tell), then
 * queues a link in the sign-up lane only when the page lists the address.
 */
export function requestViewerLink(db: Db, config: PageAccessConfig | null, asked: { email: string; next: string }, ip: string | null, page: { name: string; url: string }, now: number): void {
  const { email, next } = asked;
  const clientOk = take(`ip:${rateLimitKey(ip)}`, now);
  const addressOk = take(`email:${email}`, now);
  if (!clientOk || !addressOk) throw new RateLimitedError('Too many sign-in links asked for. Try again in a few minutes.');
  if (!config?.emailLink || !emailAllowed(email, config.emailLink)) return;
  const token = newToken();
  const hash = hashToken(token);
  db.insert(viewerLinks).values({ tokenHash: hash, pageId: config.pageId, email, next, createdAt: now, expiresAt: now + VIEWER_LINK_LIFETIME_MS }).run();
  // The page's own host: the session cookie it sets belongs there.
  const url = `${page.url}/access/link?token=${encodeURIComponent(token)}`;
  enqueueMail(db, null, `viewer-link:${hash.slice(0, 16)}`, email, linkMessage(page.name, url), {}, now);
}

/** Spends a link once: its page and address, or a refusal for an unknown, used or expired one. */
export function consumeViewerLink(db: Db, token: string, now: number): { pageId: string; email: string; next: string } {
  const spent = db
    .update(viewerLinks)
    .set({ usedAt: now })
    .where(and(eq(viewerLinks.tokenHash, hashToken(token.trim())), isNull(viewerLinks.usedAt)))
    .returning()
    .get();
  if (!spent || spent.expiresAt <= now) throw new ValidationError('This sign-in link is not valid: it was used already or has expired. Ask for a new one.');
  return { pageId: spent.pageId, email: spent.email, next: spent.next };
}

export function purgeViewerLinks(db: Db, now: number): void {
  db.delete(viewerLinks).where(lt(viewerLinks.expiresAt, now)).run();
}
