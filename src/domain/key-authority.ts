/** What an API key may do: the lesser of its scope and its holder's current role; nothing once the holder is gone. */
import type { ApiKeyScope, Role } from './enums';
import { lesserRole } from './roles';

/** The key's holder as stored now: a user, the server console (keys made with `npm run admin`), or a user who no longer exists. */
export type KeyHolder = { kind: 'user'; role: Role; disabled: boolean } | { kind: 'console' } | { kind: 'gone' };

export interface KeyAuthority {
  role: Role;
  /** A `read` key: read permissions only. */
  readOnly: boolean;
}

/** The role a scope grants by itself. */
export function scopeRole(scope: ApiKeyScope): Role {
  return scope === 'admin' ? 'admin' : 'editor';
}

/** The key's rights now, or null when it may do nothing (its holder was disabled or deleted). */
export function keyAuthority(scope: ApiKeyScope, holder: KeyHolder): KeyAuthority | null {
  if (holder.kind === 'gone' || (holder.kind === 'user' && holder.disabled)) return null;
  const granted = scopeRole(scope);
  return { role: holder.kind === 'user' ? lesserRole(granted, holder.role) : granted, readOnly: scope === 'read' };
}
