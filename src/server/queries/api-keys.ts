/** API keys with their holders as stored now. */
import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import { apiKeys, users } from '../../../db/schema';
import type { Role } from '../../domain/enums';
import type { KeyHolder } from '../../domain/key-authority';
import type { Db } from '../db';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Keys held by the user (a value or the joined users row): stored holder, or (keys made before holders were stored) created_by naming their e-mail. */
export function heldBy(user: { id: number | typeof users.id; email: string | typeof users.email }): SQL {
  return or(eq(apiKeys.ownerUserId, user.id), and(isNull(apiKeys.ownerUserId), eq(apiKeys.createdBy, user.email)))!;
}

/** Every key with its holder as stored now (see heldBy for keys made before holders were stored). */
export function apiKeysWithHolders(db: Db, where?: SQL) {
  return db
    .select({ key: apiKeys, holder: { id: users.id, email: users.email, role: users.role, disabled: users.disabled } })
    .from(apiKeys)
    .leftJoin(users, heldBy(users))
    .where(where);
}

/** What the key's holder is now, for keyAuthority. */
export function keyHolderOf(key: Pick<ApiKeyRow, 'ownerUserId'>, holder: { role: Role; disabled: boolean } | null): KeyHolder {
  if (holder) return { kind: 'user', role: holder.role, disabled: holder.disabled };
  return key.ownerUserId === null ? { kind: 'console' } : { kind: 'gone' };
}

