/** Who may do what: the one permission table, deny by default. Every verb checks it on its first line. */
// Decision: docs/decisions/023-one-door-for-every-write.md
import type { Role } from '../../domain/enums';
import { hasRole } from '../../domain/roles';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Actor } from '../services/actor';

/** Who may: `anyone` (no sign-in: first-run setup holds its own one-time token), or the least role needed. */
export type Needed = Role | 'anyone';

/** The least role each permission needs. A permission missing here is refused to everyone. */
export const PERMISSIONS = new Map<string, Needed>([
  ['setup.complete', 'anyone'],
  ['incident.create', 'editor'],
  ['incident.update', 'editor'],
  ['incident.edit', 'editor'],
  ['incident.editUpdate', 'editor'],
  ['incident.publish', 'editor'],
  ['incident.postmortem', 'editor'],
  ['incident.delete', 'admin'],
  ['incident.sla', 'admin'],
  ['incident.readDraft', 'editor'],
  ['component.status', 'editor'],
  ['component.create', 'admin'],
  ['component.edit', 'admin'],
  ['component.delete', 'admin'],
  ['component.move', 'admin'],
  ['group.create', 'admin'],
  ['group.edit', 'admin'],
  ['group.delete', 'admin'],
  ['maintenance.create', 'editor'],
  ['maintenance.start', 'editor'],
  ['maintenance.complete', 'editor'],
  ['maintenance.extend', 'editor'],
  ['maintenance.cancel', 'editor'],
  ['maintenance.edit', 'editor'],
  ['maintenance.update', 'editor'],
  ['page.create', 'admin'],
  ['page.update', 'admin'],
  ['page.delete', 'admin'],
  ['template.create', 'editor'],
  ['template.update', 'editor'],
  ['template.delete', 'admin'],
  ['monitor.read', 'editor'],
  ['monitor.pause', 'editor'],
  ['monitor.create', 'admin'],
  ['monitor.edit', 'admin'],
  ['monitor.delete', 'admin'],
  ['monitor.test', 'admin'],
  ['webhook.read', 'admin'],
  ['webhook.add', 'admin'],
  ['webhook.update', 'admin'],
  ['webhook.remove', 'admin'],
  ['webhook.enable', 'admin'],
  ['webhook.test', 'admin'],
  ['settings.read', 'admin'],
  ['settings.update', 'admin'],
  ['settings.branding', 'admin'],
  ['sla.settings', 'admin'],
  ['sla.read', 'editor'],
  ['user.read', 'admin'],
  ['user.create', 'admin'],
  ['user.update', 'admin'],
  ['user.password', 'admin'],
  ['apikey.read', 'admin'],
  ['apikey.create', 'admin'],
  ['apikey.revoke', 'admin'],
  ['audit.read', 'admin'],
  ['admin.open', 'editor'],
  ['session.signOut', 'editor'],
  // subscribers (issue 13): the public verbs hold a signed link or are rate-limited; the list is personal data
  ['subscriber.subscribe', 'anyone'],
  ['subscriber.confirm', 'anyone'],
  ['subscriber.manage', 'anyone'],
  ['subscriber.unsubscribe', 'anyone'],
  ['subscriber.read', 'admin'],
  ['subscriber.remove', 'admin'],
  ['subscriber.resend', 'admin'],
  ['subscriber.import', 'admin'],
  // public webhook subscriptions (issue 13): rate-limited subscribe; confirm and unsubscribe hold a signed link
  ['webhook.subscribe', 'anyone'],
  ['webhook.confirm', 'anyone'],
  ['webhook.unsubscribe', 'anyone'],
  // private pages' viewer access (issue 24): the admin configures it and may revoke any viewer token; a viewer's own
  // token verbs hold their viewer session (checked in the verb), as the subscriber verbs hold a signed link
  ['viewerAccess.configure', 'admin'],
  ['viewerAccess.read', 'admin'],
  ['viewerToken.revokeAny', 'admin'],
  ['viewerToken.create', 'anyone'],
  ['viewerToken.revoke', 'anyone'],
  // a viewer asks for a sign-in link (rate-limited, one answer for all) and spends it (the link is the authority)
  ['viewer.requestLink', 'anyone'],
  ['viewer.signInByLink', 'anyone'],
]);

export { hasRole };

/** Permissions that change nothing: all a read-only actor (a `read` API key) may hold. */
const isReadPermission = (permission: string): boolean => permission === 'admin.open' || /\.read(Draft)?$/.test(permission);

/** Whether the actor holds `permission` (false for unknown permissions). */
export function can(actor: Actor, permission: string): boolean {
  if (actor.type === 'apikey' && actor.readOnly && !isReadPermission(permission)) return false;
  const needed = PERMISSIONS.get(permission);
  return needed === 'anyone' || (needed !== undefined && hasRole(actor.role, needed));
}

/** Throws unless the actor holds `permission`: 401 for anonymous, 403 otherwise. */
export function authorize(actor: Actor, permission: string): void {
  if (can(actor, permission)) return;
  if (actor.role == null) throw new UnauthorizedError();
  throw new ForbiddenError(PERMISSIONS.get(permission) === 'admin' ? 'Only admins can do this.' : undefined);
}

/** Admin pages only admins may open (the middleware's second wall; longest prefix wins, else editor). */
const ADMIN_PAGES = ['/admin/pages', '/admin/users', '/admin/api-keys', '/admin/audit', '/admin/settings', '/admin/webhooks', '/admin/monitors/new', '/admin/subscribers', '/admin/viewer-access'];

export function roleForPath(pathname: string): Role {
  const p = pathname.replace(/\/+$/, '');
  return ADMIN_PAGES.some((a) => p === a || p.startsWith(`${a}/`)) ? 'admin' : 'editor';
}
