/** The page's public identities (page id, feed tag: authority), generated on first use and stored in settings. */
import { randomBytes } from 'node:crypto';
import { settings } from '../../../db/schema';
import { tagAuthority } from '../../domain/feed-items';
import type { Db } from '../db';
import { getConfig } from '../config';
import { getSettings, type Settings } from './settings';

export type PageIdentity = NonNullable<Settings['identity']>;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A Statuspage-like opaque id (12 lower-case alphanumerics). */
function opaqueId(): string {
  return [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** The stored identity; the first call writes it (insert-if-absent, so concurrent first calls agree). */
export function pageIdentity(db: Db, now = Date.now()): PageIdentity {
  const stored = getSettings(db).identity;
  if (stored) return stored;
  const host = new URL(getConfig().siteUrl).hostname;
  const fresh: PageIdentity = { pageId: opaqueId(), tagAuthority: tagAuthority(host, now) };
  db.insert(settings).values({ key: 'identity', value: JSON.stringify(fresh) }).onConflictDoNothing().run();
  return getSettings(db).identity ?? fresh;
}
