/**
 * The effective history is a cache of the declarations (DESIGN rules 1–2, 5): status_intervals, daily_rollups,
 * components.status and frozen SLA months are recomputed over the span a write changed. Call inside a transaction.
 */
// Decision: docs/decisions/004-derived-tables-are-caches.md
import type Database from 'better-sqlite3';
import { statusIntervals } from '../../../db/schema';
import { effectiveTimeline, mergeIntervals, type EffectiveInterval } from '../../domain/declarations';
import type { ComponentStatus } from '../../domain/enums';
import { staleSlaMonths } from '../../domain/invalidation';
import { clipManualByIncidents, type SourcedDeclaration } from '../../domain/source-declarations';
import { dayIndex, dayStart } from '../../domain/time';
import { rollupDays } from '../../domain/uptime';
import type { Db } from '../db';
import { getSettings } from '../queries/settings';
import { recordChange } from './journal';
import { reviseClosedMonths } from './sla-revisions';

const FAR = Number.MAX_SAFE_INTEGER;
const LAST_MONTH = Date.UTC(9999, 11, 1);

type StoredDeclaration = SourcedDeclaration;

interface StoredInterval extends EffectiveInterval {
  id: number;
}

function statements(sqlite: Database.Database) {
  return {
    component: sqlite.prepare<[number], { start_date: number; status: ComponentStatus; status_changed_at: number }>('SELECT start_date, status, status_changed_at FROM components WHERE id = ?'),
    declarations: sqlite.prepare<[number, number, number], StoredDeclaration>(
      'SELECT source, source_id AS sourceId, status, started_at AS start, ended_at AS "end" FROM status_declarations WHERE component_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)',
    ),
    incidentDeclarations: sqlite.prepare<[number, number], StoredDeclaration>(
      'SELECT source, source_id AS sourceId, status, started_at AS start, ended_at AS "end" FROM status_declarations WHERE component_id = ? AND source = \'incident\' AND started_at < ?',
    ),
    incidentStart: sqlite.prepare<[number], { startedAt: number }>('SELECT started_at AS startedAt FROM incidents WHERE id = ?'),
    keptBy: sqlite.prepare<[number], { id: number }>('SELECT incident_id AS id FROM incident_components WHERE component_id = ? AND keep_manual = 1'),
    intervals: sqlite.prepare<[number, number, number], { id: number; status: ComponentStatus; start: number; end: number | null; maintenance: number }>(
      'SELECT id, status, started_at AS start, ended_at AS "end", maintenance FROM status_intervals WHERE component_id = ? AND started_at <= ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at',
    ),
    deleteInterval: sqlite.prepare<[number]>('DELETE FROM status_intervals WHERE id = ?'),
    insertInterval: sqlite.prepare<[number, ComponentStatus, number, number | null, number]>(
      "INSERT INTO status_intervals (component_id, status, source, started_at, ended_at, maintenance) VALUES (?, ?, 'system', ?, ?, ?)",
    ),
    deleteRollups: sqlite.prepare<[number, number, number]>('DELETE FROM daily_rollups WHERE component_id = ? AND day BETWEEN ? AND ?'),
    insertRollup: sqlite.prepare<[number, number, number, number, number, number, number]>(
      'INSERT INTO daily_rollups (component_id, day, operational_s, maintenance_s, degraded_s, partial_s, major_s) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    current: sqlite.prepare<[number, number], { status: ComponentStatus; start: number }>(
      'SELECT status, started_at AS start FROM status_intervals WHERE component_id = ? AND started_at <= ? ORDER BY started_at DESC LIMIT 1',
    ),
    setStatus: sqlite.prepare<[ComponentStatus, number, number, number]>('UPDATE components SET status = ?, status_changed_at = ?, updated_at = ? WHERE id = ?'),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof statements>>();
function stmts(db: Db): ReturnType<typeof statements> {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = statements(db.$client)));
  return s;
}

/** Stored intervals touching [from, to], including the neighbours that end at `from` or start at `to` (to merge with). */
function loadIntervals(db: Db, componentId: number, from: number, to: number): StoredInterval[] {
  return stmts(db).intervals.all(componentId, to, from).map((r) => ({ ...r, maintenance: r.maintenance === 1 }));
}

/**
 * Declarations of one component overlapping [from, to), hand-set ones ended with the incident they were set
 * during (rule 7, derived: `clipManualByIncidents` needs every incident declaration before `to`).
 */
export function loadDeclarations(db: Db, componentId: number, from: number, to: number | null): StoredDeclaration[] {
  const s = stmts(db);
  const overlapping = s.declarations.all(componentId, to ?? FAR, from);
  if (!overlapping.some((d) => d.source === 'manual')) return overlapping;
  const all = [...overlapping.filter((d) => d.source !== 'incident'), ...s.incidentDeclarations.all(componentId, to ?? FAR)];
  const incidentStart = (id: number) => s.incidentStart.get(id)?.startedAt;
  return clipManualByIncidents(all, new Set(s.keptBy.all(componentId).map((r) => r.id)), incidentStart).filter((d) => d.start < (to ?? FAR) && (d.end === null || d.end > from));
}

/** Recomputes the rollup rows of days [firstDay, lastDay] from the stored intervals (closed ones; the open one is added at read time). */
function rewriteRollups(db: Db, componentId: number, firstDay: number, lastDay: number): void {
  if (lastDay < firstDay) return;
  const s = stmts(db);
  const ivs = loadIntervals(db, componentId, dayStart(firstDay), dayStart(lastDay + 1));
  s.deleteRollups.run(componentId, firstDay, lastDay);
  for (const [day, d] of rollupDays(ivs, firstDay, lastDay)) s.insertRollup.run(componentId, day, d.operational, d.maintenance, d.degraded, d.partial, d.major);
}

/**
 * Recomputes the cached history of a component over [from, to) (to null = from `from` on) after its declarations
 * changed there: outside that span the effective status cannot have moved. Returns the current status.
 */
export function recomputeHistory(db: Db, componentId: number, from: number, to: number | null, now: number, note = 'declarations changed'): ComponentStatus {
  const s = stmts(db);
  const c = s.component.get(componentId);
  if (!c) throw new Error(`component ${componentId} missing`);
  const start = Math.max(from, c.start_date);
  if (to === null || to > start) {
    const fresh = effectiveTimeline(loadDeclarations(db, componentId, start, to), start, to);
    const old = loadIntervals(db, componentId, start, to ?? FAR);
    const first = old[0];
    const last = old[old.length - 1];
    const pieces: EffectiveInterval[] = [];
    if (first && first.start < start) pieces.push({ ...first, end: start });
    pieces.push(...fresh);
    if (to !== null && last && (last.end === null || last.end > to)) pieces.push({ ...last, start: to });
    const merged = mergeIntervals(pieces);
    for (const iv of old) s.deleteInterval.run(iv.id);
    for (const iv of merged) s.insertInterval.run(componentId, iv.status, iv.start, iv.end, iv.maintenance ? 1 : 0);
    // Rollups hold closed intervals only: rewrite the days whose closed time changed (a stretch before `start`
    // that got closed, or merged into an open one, counts from its start).
    const closedEnds = [...old, ...merged].filter((iv) => iv.end !== null).map((iv) => iv.end!);
    if (closedEnds.length) {
      const reopened = first && first.start < start && (first.end === null) !== (merged[0].end === null);
      const lo = reopened ? first.start : start;
      const hi = Math.min(Math.max(...closedEnds), to ?? FAR);
      if (hi > lo) rewriteRollups(db, componentId, dayIndex(lo), dayIndex(hi - 1));
    }
    // Closed months from `start` on are revised whatever the writer's clock says (no month after it can be closed yet).
    const stale = staleSlaMonths(start, to ?? LAST_MONTH, getSettings(db).slaTimeZone);
    reviseClosedMonths(db, [componentId], stale.first, stale.last, now, `history of component #${componentId} corrected from ${new Date(start).toISOString()} (${note})`);
  }
  return refreshCurrent(db, componentId, c, now);
}

/** Sets components.status (the status in force at `now`) and records a change when it moved. */
function refreshCurrent(db: Db, componentId: number, c: { status: ComponentStatus; status_changed_at: number }, now: number): ComponentStatus {
  const s = stmts(db);
  const cur = s.current.get(componentId, now) ?? { status: 'operational' as ComponentStatus, start: now };
  if (cur.status === c.status && cur.start === c.status_changed_at) return cur.status;
  s.setStatus.run(cur.status, cur.start, now, componentId);
  if (cur.status !== c.status) recordChange(db, now, 'component.status', 'component', componentId, { old_status: c.status, new_status: cur.status, at: cur.start });
  return cur.status;
}

/** Drops a component's cached history and recomputes it from all its declarations (upgrades, checks). */
export function rebuildHistory(db: Db, componentId: number, now: number): void {
  const c = stmts(db).component.get(componentId);
  if (!c) return;
  db.$client.prepare('DELETE FROM status_intervals WHERE component_id = ?').run(componentId);
  db.$client.prepare('DELETE FROM daily_rollups WHERE component_id = ?').run(componentId);
  const timeline = effectiveTimeline(loadDeclarations(db, componentId, c.start_date, null), c.start_date, null);
  const s = stmts(db);
  for (const iv of timeline) s.insertInterval.run(componentId, iv.status, iv.start, iv.end, iv.maintenance ? 1 : 0);
  const closed = timeline.filter((iv) => iv.end !== null);
  if (closed.length) rewriteRollups(db, componentId, dayIndex(c.start_date), dayIndex(closed[closed.length - 1].end! - 1));
  refreshCurrent(db, componentId, c, now);
}

/** Opens the first interval of a new component at its start date. */
export function openFirstInterval(db: Db, componentId: number, start: number, status: ComponentStatus): void {
  db.insert(statusIntervals).values({ componentId, status, startedAt: start, source: 'system' }).run();
}

