/** Operator accounts and API keys: admins only (see the permission table). */
import { passwordProblem } from '../../../domain/credentials';
import { hashPasswordAsync } from '../../auth/password';
import { ValidationError } from '../../errors';
import * as users from '../../services/users';
import { defineVerb } from '../verb';
import { ApiKeyCreate, ApiKeyRef, UserCreate, UserPassword, UserUpdate } from './schemas';

/** scrypt at OWASP's cost takes ~0.4 s: hash in the pool, off the event loop, before the transaction. */
async function hashed(password: string): Promise<string> {
  const weak = passwordProblem(password);
  if (weak) throw new ValidationError(weak, { password: weak });
  return hashPasswordAsync(password);
}

export const createUser = defineVerb('user.create', 'user.create', UserCreate, async (ctx, d) => users.createUser(ctx.db, { ...d, passwordHash: await hashed(d.password) }, ctx.actor, ctx.now));

export const updateUser = defineVerb('user.update', 'user.update', UserUpdate, (ctx, d) => users.updateUser(ctx.db, d.user_id, { role: d.role, disabled: d.disabled }, ctx.actor, ctx.now));

export const setUserPassword = defineVerb('user.password', 'user.password', UserPassword, async (ctx, d) => users.setPassword(ctx.db, d.user_id, d.password, ctx.actor, ctx.now, await hashed(d.password)));

/** Returns the key itself: shown once, only its hash is stored. */
export const createApiKey = defineVerb('apikey.create', 'apikey.create', ApiKeyCreate, (ctx, d) => users.createApiKey(ctx.db, d.name, ctx.actor, ctx.now, d.scope));

export const revokeApiKey = defineVerb('apikey.revoke', 'apikey.revoke', ApiKeyRef, (ctx, d) => users.revokeApiKey(ctx.db, d.api_key_id, ctx.actor, ctx.now));
