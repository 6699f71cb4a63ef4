/** Operator reads of incidents (drafts included): permission first, like the verbs. */
import { authorize } from '../../auth/permissions';
import { NotFoundError } from '../../errors';
import { and, desc, ne, or, sql } from 'drizzle-orm';
import { incidents, incidentUpdates } from '../../../../db/schema';
import { getIncident, loadIncidents, type IncidentView } from '../../queries/public';
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

/** Incidents newest first (drafts included), optionally only unresolved or matching `q` in the title or an update; `limit` per page. */
export function listIncidentsForOperator(ctx: VerbContext, opts: { q?: string | null; unresolved?: boolean; limit: number; page: number }): IncidentView[] {
  authorize(ctx.actor, 'incident.readDraft');
  const pattern = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const match = pattern
    ? or(
        sql`${incidents.title} LIKE ${pattern} ESCAPE '\\'`,
        sql`${incidents.status} LIKE ${pattern} ESCAPE '\\'`,
        sql`EXISTS (SELECT 1 FROM ${incidentUpdates} WHERE ${incidentUpdates.incidentId} = ${incidents.id} AND ${incidentUpdates.body} LIKE ${pattern} ESCAPE '\\')`,
      )
    : undefined;
  const rows = ctx.db
    .select()
    .from(incidents)
    .where(and(match, opts.unresolved ? ne(incidents.status, 'resolved') : undefined))
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(opts.limit)
    .offset((opts.page - 1) * opts.limit)
    .all();
  return loadIncidents(ctx.db, rows);
}
