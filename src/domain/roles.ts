/** Operator roles in order of rights: one rule for "holds at least" and "the lesser of". */
import type { Role } from './enums';

/** Whether `role` holds at least the rights of `needed` (no role holds nothing). */
export function hasRole(role: Role | null | undefined, needed: Role): boolean {
  return needed === 'editor' ? role === 'editor' || role === 'admin' : role === 'admin';
}

/** The role with fewer rights of the two. */
export function lesserRole(a: Role, b: Role): Role {
  return hasRole(a, b) ? b : a;
}
