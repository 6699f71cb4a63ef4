/** Who performs a change: built once per request (actorFor), recorded in the audit log, checked by every verb. */
import type { ApiKeyScope, Role } from '../../domain/enums';
import { keyAuthority, type KeyHolder } from '../../domain/key-authority';

export interface Actor {
  type: 'anonymous' | 'user' | 'apikey' | 'system' | 'cli';
  name: string;
  /** The role the permission table checks; null for anonymous visitors. */
  role?: Role | null;
  ip?: string | null;
  userId?: number;
  apiKeyId?: number;
  /** The user an API key acts for: keys it creates belong to them too. */
  holderUserId?: number;
  /** A `read` API key: only read permissions (auth/permissions.ts). */
  readOnly?: boolean;
}

/** Background jobs (clock, monitor runner); never reached from a request. */
export const SYSTEM: Actor = { type: 'system', name: 'system', role: 'admin' };

/** The operator at the server's console (npm run admin). */
export const CLI: Actor = { type: 'cli', name: 'cli', role: 'admin' };

export interface RequestIdentity {
  user: { id: number; email: string; role: Role } | null;
  apiKey: { id: number; name: string; scope: ApiKeyScope; holder: KeyHolder; holderUserId?: number | null } | null;
  ip: string | null;
}

/** The one way a request becomes an actor: a valid API key wins over a session; it acts with keyAuthority (none: anonymous). */
export function actorFor({ user, apiKey, ip }: RequestIdentity): Actor {
  if (apiKey) {
    const authority = keyAuthority(apiKey.scope, apiKey.holder);
    if (!authority) return { type: 'anonymous', name: 'anonymous', role: null, ip };
    const holder = apiKey.holderUserId ? { holderUserId: apiKey.holderUserId } : {};
    return { type: 'apikey', name: `key:${apiKey.name}`, role: authority.role, ip, apiKeyId: apiKey.id, ...holder, ...(authority.readOnly ? { readOnly: true } : {}) };
  }
  if (user) return { type: 'user', name: user.email, role: user.role, ip, userId: user.id };
  return { type: 'anonymous', name: 'anonymous', role: null, ip };
}
