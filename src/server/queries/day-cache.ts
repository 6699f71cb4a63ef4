/**
 * In-memory cache of each component's day figures (and so of its bar HTML, memoised on the array in
 * day-bars-html.ts). An entry is reused while everything a day record is made of is as it was:
 * - the window's last day;
 * - the component's history: the newest status_intervals id (recomputeHistory replaces rows, AUTOINCREMENT
 *   never reuses ids), which also moves with every rollup, since rollups are derived from closed intervals;
 * - its start date;
 * - the incidents it shows in the window (id, title, impact, start, end), compared in full, so an edit of one
 *   incident rebuilds only the components that incident names.
 * Entries whose today is still moving (downtime, an open incident) are never stored; others live at most a minute,
 * since today's elapsed operational time nudges multi-day uptimes by a hair.
 */
import { sql } from 'drizzle-orm';
import { incidentComponents, incidents, statusIntervals } from '../../../db/schema';
import { HISTORY_DAYS } from '../../domain/constants';
import type { Impact } from '../../domain/enums';
import { dayIndex, dayStart } from '../../domain/time';
import { isPlainDay } from '../../domain/day-bars-html';
import type { DayFigure } from '../../domain/uptime';
import type { Db } from '../db';
import { idList, idsOf } from './prepared';
import { groupBy } from '../../domain/group-by';

const MAX_ENTRIES = 2000;
const MAX_AGE_MS = 60_000;

interface Entry {
  day: number;
  at: number;
  version: number;
  startDate: number;
  incidents: string;
  days: DayFigure[];
}

const states = new WeakMap<Db, Map<number, Entry>>();
/** How many components were computed rather than reused (for tests). */
export const dayCacheStats = { built: 0, reused: 0 };

function entriesOf(db: Db): Map<number, Entry> {
  let s = states.get(db);
  if (!s) states.set(db, (s = new Map()));
  return s;
}

/** An incident as a day record shows it: on each day from its start to its end (or today). */
export interface WindowIncident {
  componentId: number;
  id: number;
  title: string;
  impact: Impact;
  startedAt: number;
  resolvedAt: number | null;
}

/** The public incidents of these components that touch the window of `days` days ending today, by component. */
export function incidentsInWindow(db: Db, ids: number[], now: number, days = HISTORY_DAYS): Map<number, WindowIncident[]> {
  const windowStart = dayStart(dayIndex(now) - days + 1);
  // Driven by the window (incidents_resolved_idx: open ones and those resolved since its start), never by every
  // incident a component ever had: CROSS JOIN keeps that order and the unary + keeps the planner off the other indexes.
  const rows = db.all<WindowIncident>(
    sql`SELECT ic.component_id AS componentId, i.id AS id, i.title AS title, i.impact AS impact, i.started_at AS startedAt, i.resolved_at AS resolvedAt
        FROM ${incidents} i CROSS JOIN ${incidentComponents} ic ON ic.incident_id = i.id
        WHERE (i.resolved_at IS NULL OR i.resolved_at >= ${windowStart}) AND i.draft = 0 AND +i.started_at <= ${now}
          AND +ic.component_id IN ${idsOf(ids)}
        ORDER BY ic.component_id, i.id`,
  );
  return groupBy(rows, (r) => r.componentId);
}

function signature(list: WindowIncident[] | undefined): string {
  let sig = '';
  for (const i of list ?? []) sig += `${i.id}|${i.impact}|${i.startedAt}|${i.resolvedAt}|${i.title}\n`;
  return sig;
}

/**
 * The newest interval id of each component: one statement, one index lookup per component on (component_id, id),
 * so the check costs the same at ten rows or ten million (a GROUP BY scanned every row of their history).
 */
function historyVersions(db: Db, ids: number[]): Map<number, number> {
  const rows = db.all<{ id: number; v: number | null }>(
    sql`SELECT j.value AS id, (SELECT max(s.id) FROM ${statusIntervals} s WHERE s.component_id = j.value) AS v FROM json_each(${idList(ids)}) j`,
  );
  return new Map(rows.map((r) => [r.id, r.v ?? 0]));
}

export function cachedDayRecords(
  db: Db,
  comps: { id: number; startDate: number }[],
  now: number,
  load: (comps: { id: number; startDate: number }[], incidents: Map<number, WindowIncident[]>) => Map<number, DayFigure[]>,
): Map<number, DayFigure[]> {
  const out = new Map<number, DayFigure[]>();
  if (comps.length === 0) return out;
  const entries = entriesOf(db);
  const day = dayIndex(now);
  const ids = comps.map((c) => c.id);
  const versions = historyVersions(db, ids);
  const shown = incidentsInWindow(db, ids, now);
  const sigs = new Map(ids.map((id) => [id, signature(shown.get(id))]));
  const missing = comps.filter((c) => {
    const e = entries.get(c.id);
    if (e && e.day === day && now - e.at < MAX_AGE_MS && e.at <= now && e.version === (versions.get(c.id) ?? 0) && e.startDate === c.startDate && e.incidents === sigs.get(c.id)) {
      out.set(c.id, e.days);
      return false;
    }
    return true;
  });
  dayCacheStats.reused += comps.length - missing.length;
  dayCacheStats.built += missing.length;
  if (missing.length === 0) return out;
  for (const [id, days] of load(missing, shown)) {
    out.set(id, days);
    const today = days[days.length - 1];
    const c = missing.find((m) => m.id === id)!;
    if (today && isPlainDay(today)) {
      entries.delete(id);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(id, { day, at: now, version: versions.get(id) ?? 0, startDate: c.startDate, incidents: sigs.get(id) ?? '', days });
    }
  }
  return out;
}
