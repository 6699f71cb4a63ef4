/** Who performs a change: built by one of the builders below, recorded in the audit log, checked by every verb. */
import type { ApiKeyScope, Role } from '../../domain/enums';
import { keyAuthority, type KeyHolder } from '../../domain/key-authority';

/** A visitor with no session and no valid key: may only do what the permission table gives `anyone`. */
export interface AnonymousActor { type: 'anonymous'; name: 'anonymous'; role: null; ip: string | null }
/** A signed-in person. */
export interface UserActor { type: 'user'; name: string; role: Role; ip: string | null; userId: number }
/** A request carrying an API key; a `read` key is readOnly, a user's key acts for holderUserId (#22). */
export interface ApiKeyActor { type: 'apikey'; name: string; role: Role; ip: string | null; apiKeyId: number; holderUserId?: number; readOnly?: boolean }
/** A background job (clock, monitor runner, mail and webhook workers), named after the job. */
export interface SystemActor { type: 'system'; name: string; job: string; role: 'admin'; ip?: string | null }
/** The operator at the server's console (npm run admin, demo, bench seed). */
export interface CliActor { type: 'cli'; name: string; role: 'admin'; ip?: null }

export type Actor = AnonymousActor | UserActor | ApiKeyActor | SystemActor | CliActor;

/** Nobody in particular. */
export const anonymousActor = (ip: string | null = null): AnonymousActor => ({ type: 'anonymous', name: 'anonymous', role: null, ip });

/** A signed-in user, named by their e-mail. */
export const userActor = (user: { id: number; email: string; role: Role }, ip: string | null = null): UserActor => ({ type: 'user', name: user.email, role: user.role, ip, userId: user.id });

/** A key request; `role` and `readOnly` come from keyAuthority. */
export function apiKeyActor(key: { id: number; name: string; holderUserId?: number | null }, authority: { role: Role; readOnly?: boolean }, ip: string | null = null): ApiKeyActor {
  const holder = key.holderUserId ? { holderUserId: key.holderUserId } : {};
  return { type: 'apikey', name: `key:${key.name}`, role: authority.role, ip, apiKeyId: key.id, ...holder, ...(authority.readOnly ? { readOnly: true } : {}) };
}

/** A job acting on its own (never reached from a request); the IP is kept when a request triggered the record, e.g. a failed sign-in. */
export const systemActor = (job: string, ip?: string | null): SystemActor => ({ type: 'system', name: job, job, role: 'admin', ...(ip !== undefined ? { ip } : {}) });

/** The console operator, named e.g. `cli:alice`. */
export const cliActor = (name: string): CliActor => ({ type: 'cli', name, role: 'admin' });

export interface RequestIdentity {
  user: { id: number; email: string; role: Role } | null;
  apiKey: { id: number; name: string; scope: ApiKeyScope; holder: KeyHolder; holderUserId?: number | null } | null;
  ip: string | null;
}

/** The one way a request becomes an actor: a valid API key wins over a session; it acts with keyAuthority (none: anonymous). */
export function actorFor({ user, apiKey, ip }: RequestIdentity): Actor {
  if (apiKey) {
    const authority = keyAuthority(apiKey.scope, apiKey.holder);
    return authority ? apiKeyActor(apiKey, authority, ip) : anonymousActor(ip);
  }
  return user ? userActor(user, ip) : anonymousActor(ip);
}

/** The unnamed job and console operator (tests, and jobs too small to name). */
export const SYSTEM = systemActor('system');
export const CLI = cliActor('cli');
