/** Operator reads of incidents (drafts included): permission first, like the verbs. */
import { authorize } from '../../auth/permissions';
import { NotFoundError } from '../../errors';
import { getIncident, type IncidentView } from '../../queries/public';
import { requireIncident, type IncidentRow } from '../../services/incidents';
import type { VerbContext } from '../verb';

/** The incident as operators see it, drafts included; 404 when missing. */
export function getIncidentForOperator(ctx: VerbContext, id: number): IncidentView {
  authorize(ctx.actor, 'incident.readDraft');
  const view = getIncident(ctx.db, id, { includeDrafts: true });
  if (!view) throw new NotFoundError(`No incident ${id}.`);
  return view;
}

/** The stored row (post-mortem source, SLA exclusion, draft flag) for operator pages. */
export function getIncidentRow(ctx: VerbContext, id: number): IncidentRow {
  authorize(ctx.actor, 'incident.readDraft');
  return requireIncident(ctx.db, id);
}
