/** What each source declares, derived from its own records (an incident's updates, a maintenance window). */
// Decision: docs/decisions/003-status-history-derived-from-declarations.md
import type { ComponentStatus, DeclarationSource, IncidentStatus } from './enums';

export interface SourceDeclaration {
  componentId: number;
  status: ComponentStatus;
  start: number;
  end: number | null;
}

export interface DeclaringUpdate {
  id: number;
  status: IncidentStatus;
  displayAt: number;
  /** Component → status this update declares (absent = unchanged). */
  declared: Map<number, ComponentStatus>;
}

/**
 * An incident's declarations: each update's component statuses hold from its time until the next update that
 * declares another status for that component, or until the incident resolves; a later non-resolved update
 * (reopen) declares afresh. The first update's statuses hold from the incident's start (it may be backdated).
 */
export function incidentDeclarations(startedAt: number, updates: DeclaringUpdate[]): SourceDeclaration[] {
  const sorted = [...updates].sort((a, b) => a.displayAt - b.displayAt || a.id - b.id);
  const open = new Map<number, SourceDeclaration>();
  const out: SourceDeclaration[] = [];
  const close = (componentId: number, at: number) => {
    const d = open.get(componentId);
    if (!d) return;
    open.delete(componentId);
    if (at > d.start) out.push({ ...d, end: at });
  };
  sorted.forEach((u, i) => {
    const at = i === 0 ? Math.min(startedAt, u.displayAt) : u.displayAt;
    if (u.status === 'resolved') {
      for (const id of [...open.keys()]) close(id, at);
      return;
    }
    for (const [componentId, status] of u.declared) {
      const cur = open.get(componentId);
      if (cur?.status === status) continue;
      close(componentId, at);
      open.set(componentId, { componentId, status, start: at, end: null });
    }
  });
  out.push(...open.values());
  return out.sort((a, b) => a.componentId - b.componentId || a.start - b.start);
}

export interface WindowRecord {
  startedAt: number | null;
  completedAt: number | null;
  status: string;
  scheduledUntil: number;
}

/** The span a maintenance window declares under_maintenance: from its real start to its real end (open while running). */
export function maintenanceDeclaredSpan(m: WindowRecord): { start: number; end: number | null } | null {
  if (m.startedAt === null || m.status === 'scheduled' || m.status === 'cancelled') return null;
  const end = m.status === 'completed' ? (m.completedAt ?? m.scheduledUntil) : null;
  if (end !== null && end <= m.startedAt) return null;
  return { start: m.startedAt, end };
}

/** A stored declaration with the record it came from (the incident's id; null for operators and monitors). */
export interface SourcedDeclaration {
  source: DeclarationSource;
  sourceId: number | null;
  status: ComponentStatus;
  start: number;
  end: number | null;
}

/** Contiguous runs of one incident's declarations on a component: [start, end), end null while open. */
function incidentSpans(declarations: SourcedDeclaration[]): { incidentId: number; start: number; end: number | null }[] {
  const spans: { incidentId: number; start: number; end: number | null }[] = [];
  const sorted = declarations.filter((d) => d.source === 'incident').sort((a, b) => (a.sourceId ?? 0) - (b.sourceId ?? 0) || a.start - b.start);
  for (const d of sorted) {
    const last = spans[spans.length - 1];
    if (last && last.incidentId === d.sourceId && last.end !== null && d.start <= last.end) last.end = d.end === null ? null : Math.max(last.end, d.end);
    else spans.push({ incidentId: d.sourceId!, start: d.start, end: d.end });
  }
  return spans;
}

/**
 * DESIGN rule 7, derived (so the history stays independent of write order): a hand-set status set during an incident
 * that declares for the component ends when that incident's declarations on it end, unless the operator kept it
 * (`kept`: the incidents that keep it). "During" counts from the incident's start (`incidentStart`), also when the
 * incident declared for this component only later (issue 25: the resolve form promises exactly that). Pass one
 * component's declarations; others come back unchanged.
 */
export function clipManualByIncidents<D extends SourcedDeclaration>(declarations: D[], kept: ReadonlySet<number>, incidentStart: (incidentId: number) => number | undefined = () => undefined): D[] {
  const spans = incidentSpans(declarations).filter((s) => s.end !== null && !kept.has(s.incidentId));
  // an incident's first span on the component reaches back to the incident's start
  const first = new Set<number>();
  for (const span of spans) {
    if (first.has(span.incidentId)) continue;
    first.add(span.incidentId);
    const started = incidentStart(span.incidentId);
    if (started !== undefined && started < span.start) span.start = started;
  }
  return declarations.flatMap((d) => {
    if (d.source !== 'manual') return [d];
    const ends = spans.filter((s) => s.start <= d.start && d.start < s.end!).map((s) => s.end!);
    if (ends.length === 0) return [d];
    const end = Math.min(d.end ?? Number.POSITIVE_INFINITY, ...ends);
    return end > d.start ? [{ ...d, end }] : [];
  });
}
