/** Reads for SLA reports, bounded by the month's time range (status_intervals by (component_id, started_at)). */
// Decision: docs/decisions/010-sla-months-frozen-and-invalidated.md
import { and, asc, desc, eq, gte, inArray, isNull, lt, gt, or, sql } from 'drizzle-orm';
import { components, incidentComponents, incidents, slaMonths, statusIntervals } from '../../../db/schema';
import type { ResponseIncident } from '../../domain/response-times';
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

function groupSpans(rows: { componentId: number; span: Span | null }[]): Map<number, Span[]> {
  const out = new Map<number, Span[]>();
  for (const r of rows) if (r.span) out.set(r.componentId, [...(out.get(r.componentId) ?? []), r.span]);
  return out;
}

/** Spans [started_at, resolved_at or now) of SLA-excluded incidents touching the range, per component. */
export function loadExcludedSpans(db: Db, range: Span, now: number): Map<number, Span[]> {
  const rows = db
    .select({ componentId: incidentComponents.componentId, start: incidents.startedAt, end: incidents.resolvedAt })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(and(eq(incidents.excludedFromSla, true), lt(incidents.startedAt, range.end), or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, range.start))))
    .all();
  return groupSpans(rows.map((r) => ({ componentId: r.componentId, span: { start: r.start, end: r.end ?? now } })));
}

/** Frozen figures of a closed month, by component. */
export function loadFrozenMonth(db: Db, month: string): Map<number, SlaFigures> {
  const rows = db.select().from(slaMonths).where(eq(slaMonths.month, month)).all();
  return new Map(rows.map((r) => [r.componentId, JSON.parse(r.data) as SlaFigures]));
}

export function freezeMonth(db: Db, componentId: number, figures: SlaFigures, now: number): void {
  db.insert(slaMonths).values({ componentId, month: figures.month, data: JSON.stringify(figures), computedAt: now }).onConflictDoNothing().run();
}

/** Deletes frozen rows of the components for months in [fromMonth, toMonth]; returns what was deleted. */
export function deleteFrozenMonths(db: Db, componentIds: number[] | null, fromMonth: string, toMonth: string): { componentId: number; month: string }[] {
  const where = and(componentIds ? inArray(slaMonths.componentId, componentIds) : undefined, gte(slaMonths.month, fromMonth), sql`${slaMonths.month} <= ${toMonth}`);
  return db.delete(slaMonths).where(where).returning({ componentId: slaMonths.componentId, month: slaMonths.month }).all();
}

/** Published incidents started in the range, with the time of their first update (indexed per incident). */
export function loadResponseIncidents(db: Db, range: Span): (ResponseIncident & { title: string; excludedFromSla: boolean; exclusionReason: string | null })[] {
  return db
    .select({
      id: incidents.id,
      title: incidents.title,
      impact: incidents.impact,
      startedAt: incidents.startedAt,
      firstUpdateAt: sql<number | null>`(select min(iu.display_at) from incident_updates iu where iu.incident_id = "incidents"."id")`,
      resolvedAt: incidents.resolvedAt,
      excludedFromSla: incidents.excludedFromSla,
      exclusionReason: incidents.exclusionReason,
    })
    .from(incidents)
    .where(and(eq(incidents.draft, false), gte(incidents.startedAt, range.start), lt(incidents.startedAt, range.end)))
    .orderBy(asc(incidents.startedAt))
    .all();
}
