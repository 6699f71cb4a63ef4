/**
 * In-memory cache of each component's day figures (and so of its bar HTML, memoised on the array in
 * day-bars-html.ts). An entry is reused while the window's last day, the component's history (the newest
 * status_intervals id: recomputeHistory replaces rows, AUTOINCREMENT never reuses ids) and every other
 * public change (any change_log entry but a status change, e.g. an incident title) are as they were.
 * Entries whose today is still moving (downtime, an open incident) are never stored; others live at most a minute,
 * since today's elapsed operational time nudges multi-day uptimes by a hair.
 */
import { asc, gt, sql } from 'drizzle-orm';
import { changeLog, statusIntervals } from '../../../db/schema';
import { dayIndex } from '../../domain/time';
import { isPlainDay } from '../../domain/day-bars-html';
import type { DayFigure } from '../../domain/uptime';
import type { Db } from '../db';
import { prepared } from './prepared';

const MAX_ENTRIES = 2000;
const MAX_AGE_MS = 60_000;

interface Entry {
  day: number;
  at: number;
  version: number;
  days: DayFigure[];
}

interface State {
  seenChange: number;
  entries: Map<number, Entry>;
}

const states = new WeakMap<Db, State>();
/** How many components were computed rather than reused (for tests). */
export const dayCacheStats = { built: 0, reused: 0 };

const changesSinceQ = prepared((db) => db.select({ id: changeLog.id, kind: changeLog.kind }).from(changeLog).where(gt(changeLog.id, sql.placeholder('after'))).orderBy(asc(changeLog.id)).prepare());

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { seenChange: -1, entries: new Map() }));
  const fresh = changesSinceQ(db).all({ after: s.seenChange });
  if (fresh.length) {
    if (s.seenChange === -1 || fresh.some((c) => c.kind !== 'component.status')) s.entries.clear();
    s.seenChange = fresh[fresh.length - 1].id;
  }
  return s;
}

/**
 * The newest interval id of each component: one statement, one index lookup per component on (component_id, id),
 * so the check costs the same at ten rows or ten million (a GROUP BY scanned every row of their history).
 */
function historyVersions(db: Db, ids: number[]): Map<number, number> {
  const rows = db.all<{ id: number; v: number | null }>(
    sql`SELECT j.value AS id, (SELECT max(s.id) FROM ${statusIntervals} s WHERE s.component_id = j.value) AS v FROM json_each(${JSON.stringify(ids)}) j`,
  );
  return new Map(rows.map((r) => [r.id, r.v ?? 0]));
}

export function cachedDayRecords(
  db: Db,
  comps: { id: number; startDate: number }[],
  now: number,
  load: (comps: { id: number; startDate: number }[]) => Map<number, DayFigure[]>,
): Map<number, DayFigure[]> {
  const out = new Map<number, DayFigure[]>();
  if (comps.length === 0) return out;
  const s = stateOf(db);
  const day = dayIndex(now);
  const versions = historyVersions(db, comps.map((c) => c.id));
  const missing = comps.filter((c) => {
    const e = s.entries.get(c.id);
    if (e && e.day === day && now - e.at < MAX_AGE_MS && e.at <= now && e.version === (versions.get(c.id) ?? 0)) {
      out.set(c.id, e.days);
      return false;
    }
    return true;
  });
  dayCacheStats.reused += comps.length - missing.length;
  dayCacheStats.built += missing.length;
  if (missing.length === 0) return out;
  for (const [id, days] of load(missing)) {
    out.set(id, days);
    const today = days[days.length - 1];
    if (today && isPlainDay(today)) {
      if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
      s.entries.set(id, { day, at: now, version: versions.get(id) ?? 0, days });
    }
  }
  return out;
}
