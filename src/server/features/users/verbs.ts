/** Operator accounts and API keys: admins only (see the permission table). */
import * as users from '../../services/users';
import { defineVerb } from '../verb';
import { ApiKeyCreate, ApiKeyRef, UserCreate, UserPassword, UserUpdate } from './schemas';

export const createUser = defineVerb('user.create', 'user.create', UserCreate, (ctx, d) => users.createUser(ctx.db, d, ctx.actor, ctx.now));

export const updateUser = defineVerb('user.update', 'user.update', UserUpdate, (ctx, d) => users.updateUser(ctx.db, d.user_id, { role: d.role, disabled: d.disabled }, ctx.actor, ctx.now));

export const setUserPassword = defineVerb('user.password', 'user.password', UserPassword, (ctx, d) => users.setPassword(ctx.db, d.user_id, d.password, ctx.actor, ctx.now));

/** Returns the key itself: shown once, only its hash is stored. */
export const createApiKey = defineVerb('apikey.create', 'apikey.create', ApiKeyCreate, (ctx, d) => users.createApiKey(ctx.db, d.name, ctx.actor, ctx.now));

export const revokeApiKey = defineVerb('apikey.revoke', 'apikey.revoke', ApiKeyRef, (ctx, d) => users.revokeApiKey(ctx.db, d.api_key_id, ctx.actor, ctx.now));
