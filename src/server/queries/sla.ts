/** Reads for SLA reports, bounded by the month's time range (status_intervals by (component_id, started_at)). */
// Decision: docs/decisions/010-sla-months-frozen-and-invalidated.md
import { and, asc, desc, eq, gte, inArray, isNull, lt, gt, notInArray, or, sql } from 'drizzle-orm';
import { components, incidentComponents, incidents, slaCorrections, slaMonths, statusDeclarations, statusIntervals } from '../../../db/schema';
import type { Declaration } from '../../domain/declarations';
import { firstPublicUpdateAt, type ResponseIncident } from '../../domain/response-times';
import type { SlaFigures } from '../../domain/sla';
import type { Span } from '../../domain/time';
import type { StatusInterval } from '../../domain/uptime';
import { componentOnPage, type PageShows } from '../../domain/pages';
import type { Db } from '../db';

export interface SlaComponent {
  id: number;
  slug: string;
  name: string;
  target: number;
  startDate: number;
}

/** `page`: only the components that status page shows (issue 24). */
export function listSlaComponents(db: Db, opts: { includeHidden?: boolean; page?: PageShows } = {}): SlaComponent[] {
  const rows = db
    .select({ id: components.id, slug: components.slug, name: components.name, target: components.target, startDate: components.startDate })
    .from(components)
    .where(opts.includeHidden ? undefined : eq(components.visible, true))
    .orderBy(asc(components.position), asc(components.id))
    .all();
  return opts.page ? rows.filter((c) => componentOnPage(opts.page!, c.id)) : rows;
}

/** Intervals of one component touching [range.start, range.end): those starting inside, plus the one in force at the start. */
const intervalColumns = { status: statusIntervals.status, start: statusIntervals.startedAt, end: statusIntervals.endedAt, maintenance: statusIntervals.maintenance };
const p = { id: sql.placeholder('id'), start: sql.placeholder('start'), end: sql.placeholder('end') };

function prepareIntervalReads(db: Db) {
  return {
    inside: db.select(intervalColumns).from(statusIntervals).where(and(eq(statusIntervals.componentId, p.id), gte(statusIntervals.startedAt, p.start), lt(statusIntervals.startedAt, p.end))).prepare(),
    before: db.select(intervalColumns).from(statusIntervals).where(and(eq(statusIntervals.componentId, p.id), lt(statusIntervals.startedAt, p.start))).orderBy(desc(statusIntervals.startedAt)).limit(1).prepare(),
  };
}
// A report reads every component of up to 13 months: built once per database, not twice per component and month.
const intervalReads = new WeakMap<Db, ReturnType<typeof prepareIntervalReads>>();

export function loadIntervals(db: Db, componentId: number, range: Span): StatusInterval[] {
  let q = intervalReads.get(db);
  if (!q) intervalReads.set(db, (q = prepareIntervalReads(db)));
  const args = { id: componentId, start: range.start, end: range.end };
  const inside = q.inside.all(args);
  const before = q.before.get(args);
  return before && (before.end === null || before.end > range.start) ? [before, ...inside] : inside;
}

/** Ids of SLA-excluded incidents touching the range (open ones up to now), per component. */
export function loadExcludedIncidents(db: Db, range: Span): Map<number, number[]> {
  const rows = db
    .select({ componentId: incidentComponents.componentId, id: incidents.id })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(and(eq(incidents.excludedFromSla, true), lt(incidents.startedAt, range.end), or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, range.start))))
    .all();
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.componentId, [...(out.get(r.componentId) ?? []), r.id]);
  return out;
}

/** A component's declarations overlapping the range, without those of the given incidents (the SLA's counted causes). */
export function loadDeclarationsExcept(db: Db, componentId: number, range: Span, incidentIds: number[]): Declaration[] {
  const d = statusDeclarations;
  const notThose = or(sql`${d.source} <> 'incident'`, isNull(d.sourceId), notInArray(d.sourceId, incidentIds));
  return db
    .select({ source: d.source, status: d.status, start: d.startedAt, end: d.endedAt })
    .from(d)
    .where(and(eq(d.componentId, componentId), lt(d.startedAt, range.end), or(isNull(d.endedAt), gt(d.endedAt, range.start)), notThose))
    .all();
}

/** Frozen figures of a closed month, by component. */
export function loadFrozenMonth(db: Db, month: string): Map<number, SlaFigures> {
  const rows = db.select().from(slaMonths).where(eq(slaMonths.month, month)).all();
  return new Map(rows.map((r) => [r.componentId, JSON.parse(r.data) as SlaFigures]));
}

export function freezeMonth(db: Db, componentId: number, figures: SlaFigures, now: number): void {
  db.insert(slaMonths).values({ componentId, month: figures.month, data: JSON.stringify(figures), computedAt: now }).onConflictDoNothing().run();
}

/** Frozen rows of the components (null: all) for months in [fromMonth, toMonth]. */
export function loadFrozenRows(db: Db, componentIds: number[] | null, fromMonth: string, toMonth: string): { componentId: number; month: string; figures: SlaFigures }[] {
  const where = and(componentIds ? inArray(slaMonths.componentId, componentIds) : undefined, gte(slaMonths.month, fromMonth), sql`${slaMonths.month} <= ${toMonth}`);
  return db.select().from(slaMonths).where(where).all().map((r) => ({ componentId: r.componentId, month: r.month, figures: JSON.parse(r.data) as SlaFigures }));
}

/** Replaces a closed month's frozen figures (a revision after its facts changed). */
export function replaceFrozenMonth(db: Db, componentId: number, figures: SlaFigures, now: number): void {
  db.update(slaMonths).set({ data: JSON.stringify(figures), computedAt: now }).where(and(eq(slaMonths.componentId, componentId), eq(slaMonths.month, figures.month))).run();
}

export interface SlaCorrection {
  componentId: number;
  month: string;
  at: number;
  cause: string;
  before: SlaFigures;
  after: SlaFigures;
}

export function insertCorrection(db: Db, c: SlaCorrection): void {
  db.insert(slaCorrections).values({ componentId: c.componentId, month: c.month, at: c.at, cause: c.cause, before: JSON.stringify(c.before), after: JSON.stringify(c.after) }).run();
}

/** Corrections of a month, oldest first. */
export function loadCorrections(db: Db, month: string): SlaCorrection[] {
  const rows = db.select().from(slaCorrections).where(eq(slaCorrections.month, month)).orderBy(asc(slaCorrections.id)).all();
  return rows.map((r) => ({ componentId: r.componentId, month: r.month, at: r.at, cause: r.cause, before: JSON.parse(r.before) as SlaFigures, after: JSON.parse(r.after) as SlaFigures }));
}

/** Deletes frozen rows of the components for months in [fromMonth, toMonth]; returns what was deleted. */
export function deleteFrozenMonths(db: Db, componentIds: number[] | null, fromMonth: string, toMonth: string): { componentId: number; month: string }[] {
  const where = and(componentIds ? inArray(slaMonths.componentId, componentIds) : undefined, gte(slaMonths.month, fromMonth), sql`${slaMonths.month} <= ${toMonth}`);
  return db.delete(slaMonths).where(where).returning({ componentId: slaMonths.componentId, month: slaMonths.month }).all();
}

/** Published incidents started in the range, with the time of their first public update (indexed per incident). */
export function loadResponseIncidents(db: Db, range: Span): (ResponseIncident & { title: string; excludedFromSla: boolean; exclusionReason: string | null })[] {
  const rows = db
    .select({
      id: incidents.id,
      title: incidents.title,
      impact: incidents.impact,
      startedAt: incidents.startedAt,
      firstUpdateAt: sql<number | null>`(select min(iu.display_at) from incident_updates iu where iu.incident_id = "incidents"."id" and iu.kind = 'update')`,
      publishedAt: incidents.publishedAt,
      resolvedAt: incidents.resolvedAt,
      excludedFromSla: incidents.excludedFromSla,
      exclusionReason: incidents.exclusionReason,
    })
    .from(incidents)
    .where(and(eq(incidents.draft, false), gte(incidents.startedAt, range.start), lt(incidents.startedAt, range.end)))
    .orderBy(asc(incidents.startedAt))
    .all();
  return rows.map(({ publishedAt, ...r }) => ({ ...r, firstUpdateAt: firstPublicUpdateAt(r.firstUpdateAt, publishedAt) }));
}
