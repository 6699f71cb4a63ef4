/** Monthly SLA uptime (DESIGN rule 5): weighted downtime outside exclusions, target, credit tier, allowance, budget. */
// Decision: docs/decisions/009-sla-monthly-uptime-and-credits.md
import { MS_PER_MINUTE } from './constants';
import { downtimeIn } from './downtime';
import type { CreditTier } from './credit-tiers';
import { chargeExcess, splitAllowance, type MaintenancePolicy } from './maintenance-allowance';
import { monthRange, parseMonth, type Span } from './time';
import { zoneOffset } from './zone-time';
import type { StatusInterval } from './uptime';

export interface SlaPolicy {
  creditTiers: CreditTier[];
  maintenanceAllowanceMinutes: number;
  maintenancePolicy: MaintenancePolicy;
}

export interface SlaInput {
  /** YYYY-MM */
  month: string;
  /** [start, end) of the calendar month in the reporting time zone. */
  range: Span;
  now: number;
  /** When the component began to be measured. */
  startDate: number;
  target: number;
  /** The component's effective history (non-overlapping); stretches flagged maintenance are maintenance time. */
  intervals: StatusInterval[];
  /** Further maintenance windows of this component (besides the flagged intervals). */
  maintenance: Span[];
  /**
   * The same history without what SLA-excluded incidents declared (absent: none excluded). Exclusion is by cause:
   * an excluded incident removes only its own impact, another source's outage in the same minutes still counts.
   */
  counted?: StatusInterval[];
  policy: SlaPolicy;
}

export interface SlaFigures {
  month: string;
  /** Minutes measured: the calendar month, from the component's start, up to now for the current month. */
  minutesInMonth: number;
  /** Weighted downtime minutes that count against the SLA. */
  downtimeMinutes: number;
  /** Weighted outage minutes set aside: inside maintenance windows, or declared by excluded incidents alone. */
  excludedMinutes: number;
  /** Minutes of scheduled maintenance in the measured period. */
  maintenanceMinutes: number;
  /** The allowance in force when the figures were computed. */
  maintenanceAllowanceMinutes: number;
  /** The credit tiers in force when the figures were computed (a closed month keeps those it closed with). */
  creditTiers: CreditTier[];
  /** The maintenance policy in force: exclude all, or count the excess over the allowance as downtime. */
  maintenancePolicy: MaintenancePolicy;
  /** Maintenance minutes within the allowance. */
  maintenanceAllowanceUsedMinutes: number;
  /** Maintenance minutes over the allowance (the month's last ones). */
  maintenanceExcessMinutes: number;
  /** Of those, the minutes counted as downtime (all of them under `count_excess`, none under `exclude_all`). */
  maintenanceExcessDowntimeMinutes: number;
  uptimePercentage: number;
  target: number;
  met: boolean;
  creditPercent: number;
  /** The month is still running: figures are up to now. */
  partial: boolean;
  maintenanceOverrun: boolean;
  /** Current month only: downtime minutes left before the target is missed at month end. */
  budgetRemainingMinutes: number | null;
}

/** Percentages are compared after rounding to 6 decimals so 99.95 computed in floating point is 99.95. */
function roundPercent(p: number): number {
  return Math.round(p * 1e6) / 1e6;
}

/** Minutes are reported to three decimals (60 ms), free of float noise. */
function roundMinutes(m: number): number {
  return Math.round(m * 1000) / 1000;
}

/** SLA minutes as every surface shows them: the exact figure the exports carry (three decimals at most), never rounded again. */
export function formatSlaMinutes(m: number): string {
  return String(roundMinutes(m));
}

/** Sorted, merged union of spans clipped to [from, to). */
export function unionSpans(spans: Span[], from: number, to: number): Span[] {
  const clipped = spans
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of clipped) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function spansLength(spans: Span[]): number {
  return spans.reduce((sum, s) => sum + (s.end - s.start), 0);
}

/** The credit owed for an uptime: the first tier with atLeast ≤ uptime < below, else 0. */
export function creditFor(uptime: number, tiers: CreditTier[]): number {
  const u = roundPercent(uptime);
  const tier = tiers.find((t) => u < roundPercent(t.below) && u >= roundPercent(t.atLeast));
  return tier?.creditPercent ?? 0;
}

/** SLA figures of one component for one month, or null when it was not measured in that month. */
/** Whether a component started before `now` and before the month ended, i.e. has figures for it. */
export function existedIn(range: Span, startDate: number, now: number): boolean {
  return Math.min(range.end, now) > Math.max(range.start, startDate);
}

export function computeSlaMonth(input: SlaInput): SlaFigures | null {
  const { range, now } = input;
  const from = Math.max(range.start, input.startDate);
  const to = Math.min(range.end, now);
  if (!existedIn(range, input.startDate, now)) return null;

  const flagged = input.intervals.filter((iv) => iv.maintenance).map((iv) => ({ start: iv.start, end: iv.end ?? to }));
  const maintenance = unionSpans([...input.maintenance, ...flagged], from, to);
  const allowanceMs = input.policy.maintenanceAllowanceMinutes * MS_PER_MINUTE;
  const split = splitAllowance(maintenance, allowanceMs);
  const counting = input.policy.maintenancePolicy === 'count_excess';
  const allowed = counting ? split.allowed : maintenance;
  const excess = counting ? split.excess : [];
  const all = downtimeIn(chargeExcess(input.intervals, excess, to), from, to, allowed);
  const { downtimeMs } = input.counted ? downtimeIn(chargeExcess(input.counted, excess, to), from, to, allowed) : all;
  // Set aside: every weighted outage minute that does not count (under maintenance, or an excluded incident's own).
  const excludedMs = all.downtimeMs + all.excludedMs - downtimeMs;
  const measured = to - from;
  const uptime = roundPercent(((measured - downtimeMs) / measured) * 100);
  const partial = now < range.end;
  const maintenanceMinutes = roundMinutes(spansLength(maintenance) / MS_PER_MINUTE);
  const target = input.target;
  // The budget is judged against the whole month (from the component's start), as the final figure will be.
  const fullMonth = range.end - Math.max(range.start, input.startDate);
  const budget = partial ? Math.max(0, roundMinutes((fullMonth * (1 - target / 100) - downtimeMs) / MS_PER_MINUTE)) : null;
  return {
    month: input.month,
    minutesInMonth: roundMinutes(measured / MS_PER_MINUTE),
    downtimeMinutes: roundMinutes(downtimeMs / MS_PER_MINUTE),
    excludedMinutes: roundMinutes(excludedMs / MS_PER_MINUTE),
    maintenanceMinutes,
    maintenanceAllowanceMinutes: input.policy.maintenanceAllowanceMinutes,
    creditTiers: input.policy.creditTiers,
    maintenancePolicy: input.policy.maintenancePolicy,
    maintenanceAllowanceUsedMinutes: roundMinutes(spansLength(split.allowed) / MS_PER_MINUTE),
    maintenanceExcessMinutes: roundMinutes(spansLength(split.excess) / MS_PER_MINUTE),
    maintenanceExcessDowntimeMinutes: roundMinutes(spansLength(excess) / MS_PER_MINUTE),
    uptimePercentage: uptime,
    target,
    met: uptime >= roundPercent(target),
    creditPercent: creditFor(uptime, input.policy.creditTiers),
    partial,
    maintenanceOverrun: maintenanceMinutes > input.policy.maintenanceAllowanceMinutes,
    budgetRemainingMinutes: budget,
  };
}

/** Local midnight of y-m-d in a time zone, as epoch ms. */
function zoneMidnight(year: number, month: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, 1);
  const first = guess - zoneOffset(guess, timeZone);
  // Re-check with the offset at the found instant (the offset may differ across a DST change).
  return guess - zoneOffset(first, timeZone);
}

/** [start, end) of a calendar month "YYYY-MM" in a reporting time zone (UTC by default); null when malformed. */
export function monthSpan(month: string, timeZone = 'UTC'): Span | null {
  const p = parseMonth(month);
  if (!p) return null;
  if (timeZone === 'UTC') return monthRange(p.year, p.month);
  const next = p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
  return { start: zoneMidnight(p.year, p.month, timeZone), end: zoneMidnight(next.year, next.month, timeZone) };
}

/** "YYYY-MM" of the month containing `at` in a time zone. */
export function monthOf(at: number, timeZone = 'UTC'): string {
  return new Date(at + zoneOffset(at, timeZone)).toISOString().slice(0, 7);
}

/** The first month with anything to report: the month the earliest component started in (never after `now`'s), null with none. */
export function firstReportMonth(starts: readonly number[], now: number, timeZone = 'UTC'): string | null {
  if (starts.length === 0) return null;
  let first = now;
  for (const s of starts) if (s < first) first = s;
  return monthOf(first, timeZone);
}

/** The n months ending with `month`, oldest first. */
export function monthsEnding(month: string, n: number): string[] {
  const p = parseMonth(month);
  if (!p) return [];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(p.year, p.month - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** The month `delta` months after (or before, when negative) "YYYY-MM". */
export function shiftMonth(month: string, delta: number): string {
  const p = parseMonth(month);
  if (!p) return month;
  return new Date(Date.UTC(p.year, p.month - 1 + delta, 1)).toISOString().slice(0, 7);
}
