/** Signed, expiring subscriber links: HMAC-SHA256 over (purpose, subscriber, expiry) with a key kept in settings. */
import crypto from 'node:crypto';
import { MS_PER_DAY } from '../../domain/constants';
import { getConfig } from '../config';
import type { Db } from '../db';
import { getSettings, putSettingIfAbsent } from '../queries/settings';

/**
 * The webhook purposes name a webhook subscriber (another id space), so their tokens never pass for e-mail ones;
 * `device` names a user: the sign-in device cookie (src/server/auth/device.ts), never sent by e-mail.
 */
export type LinkPurpose = 'confirm' | 'manage' | 'webhook-confirm' | 'webhook-unsubscribe' | 'device';

/** Confirmation links last as long as an unconfirmed address is kept; manage links for a year (every e-mail brings a fresh one). */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = { confirm: 7 * MS_PER_DAY, manage: 365 * MS_PER_DAY, 'webhook-confirm': 7 * MS_PER_DAY, 'webhook-unsubscribe': 365 * MS_PER_DAY, device: 365 * MS_PER_DAY };

function secretOf(db: Db): string {
  const stored = getSettings(db).mailSecret;
  if (stored) return stored;
  const fresh = crypto.randomBytes(32).toString('base64url');
  // if-absent: two processes generating at once both end up with the first one's key
  putSettingIfAbsent(db, 'mailSecret', fresh);
  return getSettings(db).mailSecret!;
}

function mac(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

/** A token naming the subscriber and purpose, valid until now + its lifetime. */
export function signLink(db: Db, purpose: LinkPurpose, subscriberId: number, now: number): string {
  return signWith(secretOf(db), purpose, subscriberId, now);
}

function signWith(secret: string, purpose: LinkPurpose, subscriberId: number, now: number): string {
  const body = `${purpose}.${subscriberId}.${Math.floor((now + LINK_LIFETIME_MS[purpose]) / 1000)}`;
  return `${body}.${mac(secret, body)}`;
}

/** The subscriber id of a valid, unexpired token of that purpose, else null. */
export function verifyLink(db: Db, purpose: LinkPurpose, token: string, now: number): number | null {
  const m = /^(confirm|manage|webhook-confirm|webhook-unsubscribe|device)\.(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (!m || m[1] !== purpose) return null;
  const body = `${m[1]}.${m[2]}.${m[3]}`;
  const expected = Buffer.from(mac(secretOf(db), body));
  const given = Buffer.from(m[4]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  if (Number(m[3]) * 1000 < now) return null;
  return Number(m[2]);
}

/** Absolute URLs of a subscriber's pages. */
export function subscriberUrls(db: Db, subscriberId: number, now: number): { manage: string; unsubscribe: string } {
  return subscriberUrlsAt(db, now)(subscriberId);
}

/** subscriberUrls for many subscribers: the key and the site are read once, not once per address of a fan-out. */
export function subscriberUrlsAt(db: Db, now: number): (subscriberId: number) => { manage: string; unsubscribe: string } {
  const secret = secretOf(db);
  const site = getConfig().siteUrl;
  return (subscriberId) => {
    const token = encodeURIComponent(signWith(secret, 'manage', subscriberId, now));
    return { manage: `${site}/subscribe/manage?token=${token}`, unsubscribe: `${site}/subscribe/unsubscribe?token=${token}` };
  };
}

export function confirmUrl(db: Db, subscriberId: number, now: number): string {
  return `${getConfig().siteUrl}/subscribe/confirm?token=${encodeURIComponent(signLink(db, 'confirm', subscriberId, now))}`;
}

/** Absolute URLs of a webhook subscriber's confirm and unsubscribe pages. */
export function webhookUrls(db: Db, subscriberId: number, now: number): { confirm: string; unsubscribe: string } {
  const site = getConfig().siteUrl;
  const t = (p: LinkPurpose) => encodeURIComponent(signLink(db, p, subscriberId, now));
  return { confirm: `${site}/subscribe/webhook-confirm?token=${t('webhook-confirm')}`, unsubscribe: `${site}/subscribe/webhook-unsubscribe?token=${t('webhook-unsubscribe')}` };
}
