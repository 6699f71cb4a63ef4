/** API keys: made by a user (or the console), acting with the lesser of their scope and that user's current role. */
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../../db/schema';
import type { ApiKeyScope } from '../../domain/enums';
import { keyAuthority, type KeyHolder } from '../../domain/key-authority';
import { hashToken, newToken } from '../auth/tokens';
import { tx, type Db } from '../db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { bestEffort } from '../storage-health';
import type { Actor } from './actor';
import { recordAudit } from './journal';
import { apiKeysWithHolders, heldBy, keyHolderOf, type ApiKeyRow } from '../queries/api-keys';

export type { ApiKeyRow };

/** The user a key acts for: a signed-in user, or the holder of the key that makes it; none at the console. */
const holderIdOf = (actor: Actor): number | null => (actor.type === 'user' ? actor.userId : actor.type === 'apikey' ? actor.holderUserId : undefined) ?? null;

/** A new key; `scope` defaults to admin for the console and old callers (the admin form and API default to read). */
export function createApiKey(db: Db, name: string, actor: Actor, now: number, scope: ApiKeyScope = 'admin'): { key: string; row: ApiKeyRow } {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw new ValidationError('Give the key a name (1–100 characters).', { name: 'Required, at most 100 characters.' });
  const key = `sp_${newToken(24)}`;
  return tx(db, () => {
    const dup = db.select().from(apiKeys).where(and(eq(apiKeys.name, clean), isNull(apiKeys.revokedAt))).get();
    if (dup) throw new ConflictError('An active key with that name exists.', { name: 'Choose another name.' });
    const values = { name: clean, keyHash: hashToken(key), prefix: key.slice(0, 7), scope, createdBy: actor.name, ownerUserId: holderIdOf(actor), createdAt: now };
    const row = db.insert(apiKeys).values(values).returning().get();
    recordAudit(db, now, actor, 'apikey.create', 'apikey', row.id, { after: { name: clean, prefix: row.prefix, scope } });
    return { key, row };
  });
}

export function revokeApiKey(db: Db, idOrName: number | string, actor: Actor, now: number): ApiKeyRow {
  return tx(db, () => {
    const row = db
      .select()
      .from(apiKeys)
      .where(and(typeof idOrName === 'number' ? eq(apiKeys.id, idOrName) : eq(apiKeys.name, idOrName), isNull(apiKeys.revokedAt)))
      .get();
    if (!row) throw new NotFoundError(`No active API key "${idOrName}".`);
    const after = db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, row.id)).returning().get();
    recordAudit(db, now, actor, 'apikey.revoke', 'apikey', row.id, { before: { name: row.name } });
    return after;
  });
}

/** Revokes every active key the user holds (they were disabled): call inside the transaction that disables them. */
export function revokeHeldKeys(db: Db, user: { id: number; email: string }, actor: Actor, now: number): void {
  const revoked = db.update(apiKeys).set({ revokedAt: now }).where(and(heldBy(user), isNull(apiKeys.revokedAt))).returning().all();
  for (const k of revoked) recordAudit(db, now, actor, 'apikey.revoke', 'apikey', k.id, { before: { name: k.name }, note: `holder ${user.email} disabled` });
}

export type AuthenticatedKey = ApiKeyRow & { holder: KeyHolder };

/** The active key matching a bearer token whose holder may still use it, stamping its last use (at most once a minute). */
export function authenticateApiKey(db: Db, key: string, now: number): AuthenticatedKey | null {
  if (!key.startsWith('sp_') || key.length > 200) return null;
  const found = apiKeysWithHolders(db, and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt))).get();
  if (!found) return null;
  const holder = keyHolderOf(found.key, found.holder);
  if (!keyAuthority(found.key.scope, holder)) return null;
  const row = found.key;
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) bestEffort(() => db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run());
  return { ...row, holder };
}
