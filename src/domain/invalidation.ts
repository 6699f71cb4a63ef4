/**
 * The invalidation plan: from one change, as the change log records it (with the components and span it touched,
 * looked up by the caller), everything it makes stale. The CDN purge and the mirror's incremental export read its
 * cache tags; `all` means anything may show the change (names, settings, a new day).
 */
// Decision: docs/decisions/016-cache-invalidation-by-change-log.md
import { MS_PER_DAY } from './constants';
import { monthOf } from './sla';
import { dayIndex } from './time';

export const ALL = 'all';

/** When what a change touched was in force (end null: still open). */
export interface ChangeSpan {
  start: number;
  end: number | null;
}

/** A change_log entry with the facts the plan needs, resolved by the caller. */
export interface ChangeFacts {
  kind: string;
  entity: string;
  /** The entity's id; null when not a number. */
  id: number | null;
  /** Slugs of the components it touches, before and after (an incident's current and dropped components). */
  components: string[];
  /** The span it changed: an incident's or window's, a status's from its time on. */
  span: ChangeSpan | null;
}

export interface InvalidationPlan {
  /** Cache tags to purge, sorted; [`all`] when the change can show anywhere. */
  cacheTags: string[];
  /** Components whose day records (one per day) are stale from `fromDay` on; `all` for every component and day. */
  dayRecords: { components: string[] | typeof ALL; fromDay: number | null };
  /** The SLA months (`YYYY-MM`, a day of margin either side for the reporting time zone) whose figures move. */
  slaMonths: string[];
}

const INCIDENT_PAGES = ['page:overview', 'page:history', 'page:feeds', 'page:api', 'page:missing', 'sla:current'];
const STATUS_PAGES = ['page:overview', 'page:api', 'page:badge', 'sla:current'];
const MAINTENANCE_PAGES = ['page:overview', 'page:maintenance', 'page:api', 'sla:current'];
/** No change reaches further back than this (a component started in 1970 must not mean 600 tags). */
const MAX_MONTHS = 36;

const EVERYTHING: InvalidationPlan = { cacheTags: [ALL], dayRecords: { components: ALL, fromDay: null }, slaMonths: [] };

/** What one change makes stale. */
export function invalidationPlan(change: ChangeFacts, now: number): InvalidationPlan {
  const pages = pagesOf(change);
  if (!pages || change.id === null) return EVERYTHING;
  const slaMonths = monthsOf(change.span, now);
  const own = change.entity === 'incident' ? [`incident:${change.id}`] : [];
  const cacheTags = [...pages, ...own, ...slaMonths.map((m) => `sla:${m}`), ...change.components.map((s) => `component:${s}`)];
  const fromDay = change.span ? dayIndex(change.span.start) : null;
  return { cacheTags: [...new Set(cacheTags)].sort(), dayRecords: { components: [...new Set(change.components)].sort(), fromDay }, slaMonths };
}

/** The pages a change shows on, by what it changed; null when it can show anywhere. */
function pagesOf(change: ChangeFacts): string[] | null {
  if (change.entity === 'incident') return INCIDENT_PAGES;
  if (change.entity === 'maintenance') return MAINTENANCE_PAGES;
  if (change.kind === 'component.status') return STATUS_PAGES;
  return null;
}

/** The plan of a batch of changes: the union of theirs, everything once one of them is. */
export function mergePlans(plans: InvalidationPlan[]): InvalidationPlan {
  if (plans.some((p) => p.cacheTags.includes(ALL))) return EVERYTHING;
  const tags = new Set<string>();
  const comps = new Set<string>();
  const months = new Set<string>();
  let fromDay: number | null = null;
  for (const p of plans) {
    p.cacheTags.forEach((t) => tags.add(t));
    (p.dayRecords.components as string[]).forEach((c) => comps.add(c));
    p.slaMonths.forEach((m) => months.add(m));
    if (p.dayRecords.fromDay !== null) fromDay = Math.min(fromDay ?? p.dayRecords.fromDay, p.dayRecords.fromDay);
  }
  return { cacheTags: [...tags].sort(), dayRecords: { components: [...comps].sort(), fromDay }, slaMonths: [...months].sort() };
}

/** Every UTC month a span touches up to now, a day of margin either side (the SLA time zone is within a day of UTC). */
function monthsOf(span: ChangeSpan | null, now: number): string[] {
  if (!span) return [];
  const out: string[] = [];
  const end = Math.min(span.end ?? now, now) + MS_PER_DAY;
  const d = new Date(span.start - MS_PER_DAY);
  let m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  while (m <= end && out.length < MAX_MONTHS) {
    out.push(new Date(m).toISOString().slice(0, 7));
    const x = new Date(m);
    m = Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 1);
  }
  return out;
}

/**
 * The frozen SLA months a correction of history over [from, to] makes stale, first and last, in the reporting time
 * zone (exact, no margin: these are dropped and recomputed, not purged). A `to` before `from` means `from`'s month.
 */
export function staleSlaMonths(from: number, to: number, timeZone: string): { first: string; last: string } {
  return { first: monthOf(from, timeZone), last: monthOf(Math.max(from, to), timeZone) };
}
