/** Operator reads of components (hidden ones included). */
import { authorize } from '../../auth/permissions';
import { listComponentsAdmin } from '../../queries/admin';
import { requireComponent, type ComponentRow } from '../../services/components';
import type { VerbContext } from '../verb';

export function listComponentsForOperator(ctx: VerbContext): ReturnType<typeof listComponentsAdmin> {
  authorize(ctx.actor, 'admin.open');
  return listComponentsAdmin(ctx.db);
}

/** By id or slug; 404 when missing. */
export function getComponentForOperator(ctx: VerbContext, idOrSlug: string): ComponentRow {
  authorize(ctx.actor, 'admin.open');
  return requireComponent(ctx.db, idOrSlug);
}
