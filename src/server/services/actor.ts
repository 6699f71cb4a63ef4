/** Who performs a change: built once per request (actorFor), recorded in the audit log, checked by every verb. */
import type { ApiKeyScope, Role } from '../../domain/enums';

export interface Actor {
  type: 'anonymous' | 'user' | 'apikey' | 'system' | 'cli';
  name: string;
  /** The role the permission table checks; null for anonymous visitors. */
  role?: Role | null;
  ip?: string | null;
  userId?: number;
  apiKeyId?: number;
  /** A `read` API key: only read permissions (auth/permissions.ts). */
  readOnly?: boolean;
}

/** Background jobs (clock, monitor runner); never reached from a request. */
export const SYSTEM: Actor = { type: 'system', name: 'system', role: 'admin' };

/** The operator at the server's console (npm run admin). */
export const CLI: Actor = { type: 'cli', name: 'cli', role: 'admin' };

export interface RequestIdentity {
  user: { id: number; email: string; role: Role } | null;
  apiKey: { id: number; name: string; scope: ApiKeyScope } | null;
  ip: string | null;
}

/** The one way a request becomes an actor: a valid API key wins over a session; its scope is its role. */
export function actorFor({ user, apiKey, ip }: RequestIdentity): Actor {
  if (apiKey) {
    const role: Role = apiKey.scope === 'admin' ? 'admin' : 'editor';
    return { type: 'apikey', name: `key:${apiKey.name}`, role, ip, apiKeyId: apiKey.id, ...(apiKey.scope === 'read' ? { readOnly: true } : {}) };
  }
  if (user) return { type: 'user', name: user.email, role: user.role, ip, userId: user.id };
  return { type: 'anonymous', name: 'anonymous', role: null, ip };
}
