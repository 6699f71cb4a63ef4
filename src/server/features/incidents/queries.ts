/** Operator reads of incidents (drafts included): permission first, like the verbs. */
import { and, count, desc, eq, gte, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { incidentComponents, incidents, incidentUpdates } from '../../../../db/schema';
import { MS_PER_DAY } from '../../../domain/constants';
import { authorize } from '../../auth/permissions';
import { NotFoundError } from '../../errors';
import { getIncident, loadIncidents, type IncidentView } from '../../queries/public';
import { requireIncident, type IncidentRow } from '../../services/incidents';
import type { VerbContext } from '../verb';
import type { IncidentListFilter } from './schemas';

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

const INCIDENT_PAGE_SIZE = 25;

/** Every incident matching the filter, newest start first, one page of them, with the total for paging. */
export function searchIncidents(ctx: VerbContext, f: IncidentListFilter): { rows: IncidentRow[]; total: number; pages: number } {
  authorize(ctx.actor, 'incident.readDraft');
  const where = and(...filterConditions(f));
  const total = ctx.db.select({ n: count() }).from(incidents).where(where).get()?.n ?? 0;
  const rows = ctx.db.select().from(incidents).where(where).orderBy(desc(incidents.startedAt), desc(incidents.id)).limit(INCIDENT_PAGE_SIZE).offset((f.page - 1) * INCIDENT_PAGE_SIZE).all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / INCIDENT_PAGE_SIZE)) };
}

function filterConditions(f: IncidentListFilter): SQL[] {
  const out: SQL[] = [];
  // LIKE's wildcards typed by the operator are matched literally.
  if (f.q) out.push(sql`${incidents.title} LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  if (f.status === 'open') out.push(and(ne(incidents.status, 'resolved'), eq(incidents.draft, false))!);
  else if (f.status === 'draft') out.push(eq(incidents.draft, true));
  else if (f.status) out.push(eq(incidents.status, f.status));
  if (f.impact) out.push(eq(incidents.impact, f.impact));
  if (f.component) out.push(sql`${incidents.id} IN (${incidentsOfComponent(f.component)})`);
  if (f.from) out.push(gte(incidents.startedAt, Date.parse(`${f.from}T00:00:00Z`)));
  if (f.to) out.push(lt(incidents.startedAt, Date.parse(`${f.to}T00:00:00Z`) + MS_PER_DAY));
  return out;
}

function incidentsOfComponent(componentId: number): SQL {
  return sql`SELECT ${incidentComponents.incidentId} FROM ${incidentComponents} WHERE ${incidentComponents.componentId} = ${componentId}`;
}
