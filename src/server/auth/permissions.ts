/** Who may do what: the one table of role requirements and the helpers that enforce it. */
import type { Role } from '../../domain/enums';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Actor } from '../services/actor';

/** Admin pages only admins may open at all (longest prefix wins; everything else under /admin is editor). */
const ADMIN_PAGES = ['/admin/users', '/admin/api-keys', '/admin/audit', '/admin/settings', '/admin/webhooks', '/admin/monitors/new'];

/** Actions inside editor pages that need an admin. Monitor targets and webhooks reach out from the server: admins only. */
export const ADMIN_ACTIONS = new Set([
  'incident.delete', 'component.create', 'component.edit', 'component.delete', 'component.move', 'group.create', 'group.edit', 'group.delete', 'template.delete',
  'monitor.create', 'monitor.edit', 'monitor.delete', 'monitor.test', 'webhook.add', 'webhook.remove', 'webhook.enable',
]);

export function roleForPath(pathname: string): Role {
  const p = pathname.replace(/\/+$/, '');
  return ADMIN_PAGES.some((a) => p === a || p.startsWith(`${a}/`)) ? 'admin' : 'editor';
}

export function hasRole(role: Role | undefined, needed: Role): boolean {
  return needed === 'editor' ? role === 'editor' || role === 'admin' : role === 'admin';
}

interface LocalsLike {
  user: { id: number; email: string; role: Role } | null;
  apiKey: { id: number; name: string } | null;
}

/** Throws ForbiddenError unless the signed-in user (API keys count as admin) has the role. */
export function requireRole(locals: LocalsLike, needed: Role): void {
  if (locals.apiKey) return;
  if (!locals.user) throw new UnauthorizedError();
  if (!hasRole(locals.user.role, needed)) throw new ForbiddenError(needed === 'admin' ? 'Only admins can do this.' : undefined);
}

/** Checks an action name against ADMIN_ACTIONS. */
export function requireAction(locals: LocalsLike, action: string): void {
  requireRole(locals, ADMIN_ACTIONS.has(action) ? 'admin' : 'editor');
}

/** Whether requireAction would pass: pages show only the controls that work. */
export function mayAct(locals: LocalsLike, action: string): boolean {
  if (locals.apiKey) return true;
  return !!locals.user && hasRole(locals.user.role, ADMIN_ACTIONS.has(action) ? 'admin' : 'editor');
}

/** The actor recorded in the audit log for this request. */
export function actorOf(locals: LocalsLike, ip: string | null): Actor {
  if (locals.apiKey) return { type: 'apikey', name: `key:${locals.apiKey.name}`, ip };
  if (locals.user) return { type: 'user', name: locals.user.email, ip, role: locals.user.role, userId: locals.user.id };
  throw new UnauthorizedError();
}
