/** SLA reports: monthly figures (closed months frozen in sla_months by a write, never by a read), trend, response times, settings, invalidation. */
// Decision: docs/decisions/010-sla-months-frozen-and-invalidated.md
import { staleSlaMonths } from '../../domain/invalidation';
import { existedIn, firstReportMonth, monthOf, monthSpan, monthsEnding, type SlaFigures } from '../../domain/sla';
import type { Span } from '../../domain/time';
import type { PageShows } from '../../domain/pages';
import { responseMetrics, type SeverityMetrics } from '../../domain/response-times';
import { tx, type Db } from '../db';
import { BadRequestError } from '../errors';
import {
  deleteFrozenMonths,
  freezeMonth,
  listSlaComponents,
  loadExcludedIncidents,
  loadCorrections,
  loadFrozenMonth,
  loadResponseIncidents,
  type SlaComponent,
} from '../queries/sla';
import { getSettings, type Settings } from '../queries/settings';
import { systemActor } from './actor';
import { recordAudit } from './journal';
import { componentFigures, policyOf } from './sla-revisions';

export interface SlaRow {
  component: Pick<SlaComponent, 'id' | 'slug' | 'name'>;
  figures: SlaFigures;
}

export interface SlaReport {
  month: string;
  range: Span;
  timeZone: string;
  partial: boolean;
  /** The first month with anything to report for these components (null: none); earlier months have no figures. */
  firstMonth: string | null;
  maintenanceAllowanceMinutes: number;
  maintenancePolicy: Settings['maintenancePolicy'];
  creditTiers: Settings['creditTiers'];
  rows: SlaRow[];
  /** Revisions of this closed month after its facts changed, oldest first (src/server/services/sla-revisions.ts). */
  corrections: SlaReportCorrection[];
}

export interface SlaReportCorrection {
  component: SlaRow['component'];
  at: number;
  cause: string;
  before: SlaFigures;
  after: SlaFigures;
}

/** The month asked for ("YYYY-MM", default the current one); malformed or future months are a 400. */
export function resolveMonth(value: string | null | undefined, now: number, timeZone: string): string {
  const current = monthOf(now, timeZone);
  if (value === null || value === undefined || value === '') return current;
  if (!monthSpan(value)) throw new BadRequestError(`"month" must be a month as YYYY-MM (e.g. ${current}).`, { month: 'Use the form YYYY-MM.' });
  if (value > current) throw new BadRequestError(`${value} has not begun yet; the latest month is ${current}.`, { month: 'Choose a month that has begun.' });
  return value;
}

/** Figures of every component for a month: a closed month's frozen figures if it has them, else computed. Never writes. */
export function getSlaReport(db: Db, month: string, now: number, opts: { includeHidden?: boolean; page?: PageShows } = {}): SlaReport {
  const settings = getSettings(db);
  const tz = settings.slaTimeZone;
  const comps = listSlaComponents(db, opts);
  const { range, closed, figures } = monthFigures(db, settings, month, comps, now);
  const rows: SlaRow[] = [];
  for (const c of comps) {
    const f = figures.get(c.id);
    if (f) rows.push({ component: { id: c.id, slug: c.slug, name: c.name }, figures: f });
  }
  const byId = new Map(rows.map((r) => [r.component.id, r.component]));
  const corrections = loadCorrections(db, month).flatMap(({ componentId, at, cause, before, after }) => {
    const component = byId.get(componentId);
    return component ? [{ component, at, cause, before, after }] : [];
  });
  const firstMonth = firstReportMonth(comps.map((c) => c.startDate), now, tz);
  return { month, range, timeZone: tz, partial: !closed, firstMonth, maintenanceAllowanceMinutes: settings.maintenanceAllowanceMinutes, maintenancePolicy: settings.maintenancePolicy, creditTiers: settings.creditTiers, rows, corrections };
}

/**
 * Freezes a closed month's figures for every component that has none yet (hidden ones too); returns how many.
 * The month-end job's write (src/server/jobs/sla-months.ts): reading a report never freezes.
 */
export function freezeSlaMonth(db: Db, month: string, now: number): number {
  const settings = getSettings(db);
  const { closed, computed } = monthFigures(db, settings, month, listSlaComponents(db, { includeHidden: true }), now);
  if (!closed || computed.size === 0) return 0;
  tx(db, () => computed.forEach((figures, componentId) => freezeMonth(db, componentId, figures, now)));
  return computed.size;
}

interface MonthFigures {
  range: Span;
  closed: boolean;
  /** Every component's figures, frozen or computed. */
  figures: Map<number, SlaFigures>;
  /** Those computed now (not frozen yet). */
  computed: Map<number, SlaFigures>;
}

function monthFigures(db: Db, settings: Settings, month: string, comps: SlaComponent[], now: number): MonthFigures {
  const range = monthSpan(month, settings.slaTimeZone);
  if (!range) throw new BadRequestError(`"month" must be a month as YYYY-MM.`);
  const closed = range.end <= now;
  const figures = closed ? loadFrozenMonth(db, month) : new Map<number, SlaFigures>();
  // a component that did not exist yet in the month has no figures: no interval query to learn that
  const missing = comps.filter((c) => !figures.has(c.id) && existedIn(range, c.startDate, now));
  const computed = new Map<number, SlaFigures>();
  if (missing.length === 0) return { range, closed, figures, computed };
  const excluded = loadExcludedIncidents(db, range);
  const policy = policyOf(settings);
  for (const c of missing) {
    const f = componentFigures(db, c, month, range, now, policy, excluded);
    if (!f) continue;
    computed.set(c.id, f);
    figures.set(c.id, f);
  }
  return { range, closed, figures, computed };
}

export interface SlaTrend {
  months: string[];
  series: { slug: string; name: string; target: number; values: (number | null)[] }[];
}

/** Uptime % per component for the 12 months ending with `month` (chart data, computed server-side). */
export function getSlaTrend(db: Db, month: string, now: number, opts: { includeHidden?: boolean; page?: PageShows } = {}, count = 12): SlaTrend {
  const months = monthsEnding(month, count);
  const reports = months.map((m) => getSlaReport(db, m, now, opts));
  const series = listSlaComponents(db, opts).map((c) => ({
    slug: c.slug,
    name: c.name,
    target: c.target,
    values: reports.map((r) => r.rows.find((row) => row.component.id === c.id)?.figures.uptimePercentage ?? null),
  }));
  return { months, series };
}

/** The maintenance policy's figures (months frozen before they existed: all maintenance was excluded then). */
function maintenanceFields(f: SlaFigures) {
  const allowance = f.maintenanceAllowanceMinutes;
  return {
    maintenance_policy: f.maintenancePolicy ?? 'exclude_all',
    maintenance_allowance_minutes: allowance,
    maintenance_allowance_used_minutes: f.maintenanceAllowanceUsedMinutes ?? Math.min(f.maintenanceMinutes, allowance),
    maintenance_excess_minutes: f.maintenanceExcessMinutes ?? Math.max(0, Math.round((f.maintenanceMinutes - allowance) * 1000) / 1000),
    maintenance_excess_downtime_minutes: f.maintenanceExcessDowntimeMinutes ?? 0,
  };
}

/** The export shape of one row (CSV columns and /api/sla.json fields). */
export function exportRow(r: SlaRow) {
  const f = r.figures;
  return {
    component_id: r.component.id,
    slug: r.component.slug,
    month: f.month,
    minutes_in_month: f.minutesInMonth,
    downtime_minutes: f.downtimeMinutes,
    excluded_minutes: f.excludedMinutes,
    maintenance_minutes: f.maintenanceMinutes,
    ...maintenanceFields(f),
    uptime_percentage: f.uptimePercentage,
    target: f.target,
    met: f.met,
    credit_percent: f.creditPercent,
  };
}

/** A correction in the export shape: the figures before and after, as the rows give them. */
export function exportCorrection(c: SlaReportCorrection) {
  const row = (f: SlaFigures) => exportRow({ component: c.component, figures: f });
  return { component_id: c.component.id, slug: c.component.slug, at: new Date(c.at).toISOString(), cause: c.cause, before: row(c.before), after: row(c.after) };
}

/** Every field of an exported row with its JSON type, in CSV column order: the CSV, the JSON and the OpenAPI description. */
export const SLA_ROW_FIELDS: Record<keyof ReturnType<typeof exportRow>, 'integer' | 'number' | 'string' | 'boolean'> = {
  component_id: 'integer',
  slug: 'string',
  month: 'string',
  minutes_in_month: 'number',
  downtime_minutes: 'number',
  excluded_minutes: 'number',
  maintenance_minutes: 'number',
  maintenance_policy: 'string',
  maintenance_allowance_minutes: 'number',
  maintenance_allowance_used_minutes: 'number',
  maintenance_excess_minutes: 'number',
  maintenance_excess_downtime_minutes: 'number',
  uptime_percentage: 'number',
  target: 'number',
  met: 'boolean',
  credit_percent: 'number',
};
const EXPORT_COLUMNS = Object.keys(SLA_ROW_FIELDS) as (keyof typeof SLA_ROW_FIELDS)[];

/** The report as CSV (RFC 4180; slugs never need quoting). */
export function slaCsv(report: SlaReport): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of report.rows) {
    const row = exportRow(r);
    lines.push(EXPORT_COLUMNS.map((k) => String(row[k])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ResponseReport {
  month: string;
  severities: SeverityMetrics[];
  incidents: ReturnType<typeof loadResponseIncidents>;
}

/** Response times of incidents started in the month, by severity. */
export function getResponseReport(db: Db, month: string, now: number): ResponseReport {
  const settings = getSettings(db);
  const range = monthSpan(month, settings.slaTimeZone);
  if (!range) throw new BadRequestError(`"month" must be a month as YYYY-MM.`);
  const list = loadResponseIncidents(db, range);
  return { month, incidents: list, severities: responseMetrics(list, { firstResponse: settings.firstResponseTargets, resolve: settings.resolveTargets }, now) };
}

/**
 * Drops frozen figures of closed months that history in [from, to] touches, so they are recomputed; the
 * drop is audited. Call inside the transaction that corrects the history.
 */
export function invalidateSla(db: Db, componentIds: number[] | null, from: number, to: number, now: number, note: string): void {
  const { first, last } = staleSlaMonths(from, to, getSettings(db).slaTimeZone);
  const dropped = deleteFrozenMonths(db, componentIds, first, last);
  if (dropped.length === 0) return;
  recordAudit(db, now, systemActor('system'), 'sla.invalidate', 'sla_month', dropped.map((d) => `${d.componentId}:${d.month}`).join(' '), { before: dropped, note });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const stats = (s: SeverityMetrics['firstResponse']) => ({
  count: s.count,
  median_minutes: s.medianMinutes,
  worst_minutes: s.worstMinutes,
  within_target: s.withinTarget,
  target_minutes: s.targetMinutes,
});

/** The response report in the API's snake_case shape. */
export function responseTimesJson(r: ResponseReport) {
  return {
    month: r.month,
    severities: r.severities.map((s) => ({ severity: s.severity, impact: s.impact, count: s.count, open: s.open, first_response: stats(s.firstResponse), resolve: stats(s.resolve) })),
    incidents: r.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      impact: i.impact,
      started_at: iso(i.startedAt),
      first_update_at: iso(i.firstUpdateAt),
      resolved_at: iso(i.resolvedAt),
      excluded_from_sla: i.excludedFromSla,
      exclusion_reason: i.exclusionReason,
    })),
  };
}
