/**
 * In-memory cache of each component's day figures (and so of its bar HTML, memoised on the array in
 * day-bars-html.ts). An entry is reused while the window's last day, the component's history (the newest
 * status_intervals id: recomputeHistory replaces rows, AUTOINCREMENT never reuses ids) and every other
 * public change (any change_log entry but a status change, e.g. an incident title) are as they were.
 * Entries whose today is still moving (downtime, an open incident) are never stored; others live at most a minute,
 * since today's elapsed operational time nudges multi-day uptimes by a hair.
 */
import { eq, sql } from 'drizzle-orm';
import { changeLog, statusIntervals } from '../../../db/schema';
import { dayIndex } from '../../domain/time';
import { isPlainDay } from '../../domain/day-bars-html';
import type { DayFigure } from '../../domain/uptime';
import type { Db } from '../db';

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

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { seenChange: -1, entries: new Map() }));
  const fresh = db.select({ id: changeLog.id, kind: changeLog.kind }).from(changeLog).where(sql`${changeLog.id} > ${s.seenChange}`).all();
  if (fresh.length) {
    if (s.seenChange === -1 || fresh.some((c) => c.kind !== 'component.status')) s.entries.clear();
    s.seenChange = fresh[fresh.length - 1].id;
  }
  return s;
}

// One lookup per component on (component_id, id), so the check costs the same at ten rows or ten million
// (a GROUP BY over all components scanned every row of their history).
const newestStatements = new WeakMap<Db, ReturnType<typeof prepareNewest>>();
const prepareNewest = (db: Db) =>
  db.select({ v: sql<number | null>`max(${statusIntervals.id})` }).from(statusIntervals).where(eq(statusIntervals.componentId, sql.placeholder('id'))).prepare();
function newestIntervalOf(db: Db) {
  let q = newestStatements.get(db);
  if (!q) newestStatements.set(db, (q = prepareNewest(db)));
  return q;
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
  const newest = newestIntervalOf(db);
  const versions = new Map(comps.map((c) => [c.id, newest.get({ id: c.id })?.v ?? 0]));
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
