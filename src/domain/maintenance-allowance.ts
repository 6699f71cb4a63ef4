/**
 * The SLA's maintenance policy (issue 26, Saleor §2 and §5(i)): exclude all scheduled maintenance, or exclude up
 * to an allowance a month and count the excess as downtime — the excess being the month's *last* maintenance
 * minutes (the allowance covers the first ones), each counted as a full minute of downtime whatever the status.
 */
// Decision: docs/decisions/009-sla-monthly-uptime-and-credits.md
import type { Span } from './time';
import type { StatusInterval } from './uptime';

export const MAINTENANCE_POLICIES = ['exclude_all', 'count_excess'] as const;
export type MaintenancePolicy = (typeof MAINTENANCE_POLICIES)[number];

export const MAINTENANCE_POLICY_LABELS: Record<MaintenancePolicy, string> = {
  exclude_all: 'Exclude all scheduled maintenance',
  count_excess: 'Exclude up to the allowance; count the excess as downtime',
};

/** Splits merged, sorted maintenance spans into the first `allowanceMs` (allowed) and the rest (excess). */
export function splitAllowance(spans: Span[], allowanceMs: number): { allowed: Span[]; excess: Span[] } {
  const allowed: Span[] = [];
  const excess: Span[] = [];
  let left = Math.max(0, allowanceMs);
  for (const s of spans) {
    const take = Math.min(left, s.end - s.start);
    if (take > 0) allowed.push({ start: s.start, end: s.start + take });
    if (s.start + take < s.end) excess.push({ start: s.start + take, end: s.end });
    left -= take;
  }
  return { allowed, excess };
}

/**
 * The history with the excess maintenance charged: inside an excess span a stretch counts as major outage (full
 * weight) and no longer as maintenance, recorded history or not. `excess` is merged and sorted; open intervals end at `to`.
 */
export function chargeExcess(intervals: StatusInterval[], excess: Span[], to: number): StatusInterval[] {
  if (excess.length === 0) return intervals;
  const out: StatusInterval[] = [];
  for (const iv of intervals) {
    const end = iv.end ?? to;
    let cursor = iv.start;
    for (const x of excess) {
      const a = Math.max(cursor, x.start);
      const b = Math.min(end, x.end);
      if (b <= a) continue;
      if (a > cursor) out.push({ ...iv, start: cursor, end: a });
      out.push({ status: 'major_outage', start: a, end: b, maintenance: false });
      cursor = b;
    }
    if (cursor < end) out.push({ ...iv, start: cursor, end: iv.end });
  }
  // Excess minutes with no recorded history count too (an absent history is operational).
  for (const x of excess) {
    let cursor = x.start;
    for (const iv of intervals) {
      const a = Math.max(cursor, iv.start);
      const b = Math.min(x.end, iv.end ?? to);
      if (b <= a) continue;
      if (a > cursor) out.push({ status: 'major_outage', start: cursor, end: a, maintenance: false });
      cursor = Math.max(cursor, b);
    }
    if (cursor < x.end) out.push({ status: 'major_outage', start: cursor, end: x.end, maintenance: false });
  }
  return out.sort((a, b) => a.start - b.start);
}
