/**
 * One component's SLA figures for a month, and the revision of closed months: a write that changes the facts of a
 * closed month recomputes it in its own transaction, with the plan it closed with, and records a correction.
 */
// Decision: docs/decisions/010-sla-months-frozen-and-invalidated.md
import { effectiveTimeline } from '../../domain/declarations';
import { ALL } from '../../domain/invalidation';
import { computeSlaMonth, monthSpan, type SlaFigures, type SlaPolicy } from '../../domain/sla';
import type { Span } from '../../domain/time';
import type { Db } from '../db';
import { planForChange, type ChangeEntry, type TagLookups } from '../http/cache-tags';
import { tagLookups } from '../queries/cache-tags';
import { getSettings, type Settings } from '../queries/settings';
import { insertCorrection, listSlaComponents, loadDeclarationsExcept, loadExcludedIncidents, loadFrozenRows, loadIntervals, replaceFrozenMonth, type SlaComponent } from '../queries/sla';

/** The SLA policy of the current settings. */
export function policyOf(settings: Settings): SlaPolicy {
  return { creditTiers: settings.creditTiers, maintenanceAllowanceMinutes: settings.maintenanceAllowanceMinutes, maintenancePolicy: settings.maintenancePolicy };
}

/** One component's figures for a month (null: not measured in it); `excluded` from loadExcludedIncidents for the month. */
export function componentFigures(db: Db, c: SlaComponent, month: string, range: Span, now: number, policy: SlaPolicy, excluded: Map<number, number[]>): SlaFigures | null {
  const intervals = loadIntervals(db, c.id, range);
  const ids = excluded.get(c.id);
  // Exclusion by cause: the history re-derived without the excluded incidents' own declarations.
  const counted = ids ? effectiveTimeline(loadDeclarationsExcept(db, c.id, range, ids), range.start, range.end) : undefined;
  return computeSlaMonth({ month, range, now, startDate: c.startDate, target: c.target, intervals, counted, maintenance: [], policy });
}

/** The figures a correction is about: any of them moving is a correction (the policy fields never move here). */
const FIGURE_KEYS = ['minutesInMonth', 'downtimeMinutes', 'excludedMinutes', 'maintenanceMinutes', 'uptimePercentage', 'met', 'creditPercent', 'maintenanceOverrun'] as const;
const sameFigures = (a: SlaFigures, b: SlaFigures) => FIGURE_KEYS.every((k) => a[k] === b[k]);

/**
 * Recomputes the closed (frozen) months in [fromMonth, toMonth] of these components (null: all) with the target,
 * tiers and allowance each closed with; each that moved is replaced and gets a correction entry. Returns how many.
 */
export function reviseClosedMonths(db: Db, componentIds: number[] | null, fromMonth: string, toMonth: string, now: number, cause: string): number {
  const rows = loadFrozenRows(db, componentIds, fromMonth, toMonth);
  if (rows.length === 0) return 0;
  const settings = getSettings(db);
  const comps = new Map(listSlaComponents(db, { includeHidden: true }).map((c) => [c.id, c]));
  const excludedByMonth = new Map<string, Map<number, number[]>>();
  let revised = 0;
  for (const { componentId, month, figures: before } of rows) {
    const range = monthSpan(month, settings.slaTimeZone);
    const c = comps.get(componentId);
    if (!range || !c) continue;
    // A frozen month is closed whatever the writer's clock says (a job or a backfill may run with an earlier one).
    const at = Math.max(now, range.end);
    if (!excludedByMonth.has(month)) excludedByMonth.set(month, loadExcludedIncidents(db, range));
    // A closed month keeps the policy it closed with (rows frozen before tiers were kept: today's tiers, all maintenance excluded).
    const policy = { creditTiers: before.creditTiers ?? settings.creditTiers, maintenanceAllowanceMinutes: before.maintenanceAllowanceMinutes, maintenancePolicy: before.maintenancePolicy ?? 'exclude_all' };
    const after = componentFigures(db, { ...c, target: before.target }, month, range, at, policy, excludedByMonth.get(month)!);
    if (!after || sameFigures(before, after)) continue;
    replaceFrozenMonth(db, componentId, after, now);
    insertCorrection(db, { componentId, month, at: now, cause, before, after });
    revised++;
  }
  return revised;
}

/** What a change log entry says happened, for a correction: "incident #12 updated". */
function causeOf(e: ChangeEntry): string {
  const verb = e.kind.includes('.') ? e.kind.slice(e.kind.indexOf('.') + 1) : e.kind;
  return `${e.entity} #${e.entityId ?? '?'} ${verb === 'status' ? 'status changed' : verb}`;
}

// Every change asks the plan: the lookups' statements are prepared once per database.
const lookups = new WeakMap<Db, TagLookups>();

/** Revises the closed months a change touches, by the invalidation plan; called with every change_log entry. */
export function reviseForChange(db: Db, entry: ChangeEntry, now: number): number {
  let look = lookups.get(db);
  if (!look) lookups.set(db, (look = tagLookups(db)));
  const plan = planForChange(entry, look, now);
  if (plan.slaMonths.length === 0) return 0;
  const slugs = plan.dayRecords.components;
  const ids = slugs === ALL ? null : listSlaComponents(db, { includeHidden: true }).filter((c) => slugs.includes(c.slug)).map((c) => c.id);
  if (ids !== null && ids.length === 0) return 0;
  return reviseClosedMonths(db, ids, plan.slaMonths[0], plan.slaMonths[plan.slaMonths.length - 1], now, causeOf(entry));
}
