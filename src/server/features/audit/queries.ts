/** The audit log, for admins. */
import { authorize } from '../../auth/permissions';
import { listAudit, listAuditEntities, type AuditFilter } from '../../queries/admin';
import type { VerbContext } from '../verb';

/** One page of entries matching `filter`, with the entity names the filter offers. */
export function listAuditForAdmin(ctx: VerbContext, filter: AuditFilter): ReturnType<typeof listAudit> & { entities: string[] } {
  authorize(ctx.actor, 'audit.read');
  return { ...listAudit(ctx.db, filter), entities: listAuditEntities(ctx.db) };
}
