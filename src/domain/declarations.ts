/** Effective status history (DESIGN rules 1–2) as a pure function of the sources' declarations. */
// Decision: docs/decisions/005-effective-component-status.md
import type { ComponentStatus, DeclarationSource } from './enums';
import { effectiveStatus, statusRank } from './status';

/** One source declaring a status for a component over [start, end); end null = until further notice. */
export interface Declaration {
  source: DeclarationSource;
  status: ComponentStatus;
  start: number;
  end: number | null;
}

/** A stretch of effective history: the status shown and whether a maintenance window covers it. */
export interface EffectiveInterval {
  status: ComponentStatus;
  start: number;
  end: number | null;
  maintenance: boolean;
}

type Kind = 'declared' | 'monitor' | 'maintenance';
const KIND: Record<DeclarationSource, Kind> = { incident: 'declared', manual: 'declared', monitor: 'monitor', maintenance: 'maintenance' };

/** Rule 2 at one instant, from the declarations covering it. */
export function statusOf(covering: Pick<Declaration, 'source' | 'status'>[]): { status: ComponentStatus; maintenance: boolean } {
  let declared: ComponentStatus | null = null;
  let monitor: ComponentStatus | null = null;
  let maintenance = false;
  for (const d of covering) {
    const kind = KIND[d.source];
    if (kind === 'maintenance') maintenance = true;
    else if (kind === 'declared') declared = declared === null || statusRank(d.status) > statusRank(declared) ? d.status : declared;
    else monitor = monitor === null || statusRank(d.status) > statusRank(monitor) ? d.status : monitor;
  }
  return { status: effectiveStatus({ manual: declared, monitor, inMaintenance: maintenance }), maintenance };
}

/**
 * The effective history over [from, to) (to null = open-ended): contiguous, adjacent equal stretches merged,
 * the last one open when to is null. The result depends only on the set of declarations, never their order.
 */
export function effectiveTimeline(declarations: Declaration[], from: number, to: number | null): EffectiveInterval[] {
  if (to !== null && to <= from) return [];
  const events: { at: number; d: Declaration; delta: 1 | -1 }[] = [];
  for (const d of declarations) {
    const start = Math.max(d.start, from);
    const end = d.end === null ? null : to === null ? d.end : Math.min(d.end, to);
    if (end !== null && end <= start) continue;
    if (to !== null && start >= to) continue;
    events.push({ at: start, d, delta: 1 });
    if (end !== null && (to === null || end < to)) events.push({ at: end, d, delta: -1 });
  }
  events.sort((a, b) => a.at - b.at);
  // Counts per (kind, status): a sweep keeps this linear in the number of declarations.
  const counts = new Map<string, number>();
  const covering = (): Pick<Declaration, 'source' | 'status'>[] => {
    const out: Pick<Declaration, 'source' | 'status'>[] = [];
    for (const [key, n] of counts) {
      if (n <= 0) continue;
      const [source, status] = key.split('|') as [DeclarationSource, ComponentStatus];
      out.push({ source, status });
    }
    return out;
  };
  const out: EffectiveInterval[] = [];
  const push = (start: number, end: number | null) => {
    if (end !== null && end <= start) return;
    const { status, maintenance } = statusOf(covering());
    const last = out[out.length - 1];
    if (last && last.status === status && last.maintenance === maintenance) last.end = end;
    else out.push({ status, start, end, maintenance });
  };
  let at = from;
  for (let i = 0; i < events.length; ) {
    const t = events[i].at;
    if (t > at) {
      push(at, t);
      at = t;
    }
    for (; i < events.length && events[i].at === t; i++) {
      const { d, delta } = events[i];
      const key = `${KIND[d.source] === 'declared' ? 'manual' : d.source}|${d.status}`;
      counts.set(key, (counts.get(key) ?? 0) + delta);
    }
  }
  push(at, to);
  return out;
}

/** Merges adjacent stretches with the same status and maintenance flag (the canonical form stored). */
export function mergeIntervals(intervals: EffectiveInterval[]): EffectiveInterval[] {
  const out: EffectiveInterval[] = [];
  for (const iv of intervals) {
    if (iv.end !== null && iv.end <= iv.start) continue;
    const last = out[out.length - 1];
    if (last && last.end === iv.start && last.status === iv.status && last.maintenance === iv.maintenance) last.end = iv.end;
    else out.push({ ...iv });
  }
  return out;
}
