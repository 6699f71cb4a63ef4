/** Operator reads of status pages (issue 24). */
import { authorize } from '../../auth/permissions';
import { listPagesForAdmin, type PageResult } from '../../services/pages';
import type { VerbContext } from '../verb';

/** Every page with its listed components, for /admin/pages. */
export function listPagesForOperator(ctx: VerbContext): PageResult[] {
  authorize(ctx.actor, 'settings.read');
  return listPagesForAdmin(ctx.db);
}
