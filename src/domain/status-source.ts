/** Rule 2 with its reason: the effective status of a component together with the sources that decide it. */
// Decision: docs/decisions/032-one-visible-status-per-component.md
import { STATUS_LABELS, type ComponentStatus, type DeclarationSource } from './enums';
import { statusOf } from './declarations';
import { formatUtc } from './format';

/** A declaration in force at the instant asked about (sourceId: the incident or maintenance; null otherwise). */
export interface CoveringDeclaration {
  source: DeclarationSource;
  sourceId: number | null;
  status: ComponentStatus;
  start: number;
}

export interface ExplainedStatus {
  status: ComponentStatus;
  maintenance: boolean;
  /** The declarations that put `status` on the page; empty when nothing is declared (operational). */
  deciders: CoveringDeclaration[];
  /** Declarations in force whose different status is not shown (a hand-set status under a worse incident…). */
  overruled: CoveringDeclaration[];
}

const ORDER: Record<DeclarationSource, number> = { incident: 0, manual: 1, maintenance: 2, monitor: 3 };
const byOrder = (a: CoveringDeclaration, b: CoveringDeclaration) => ORDER[a.source] - ORDER[b.source] || (a.sourceId ?? 0) - (b.sourceId ?? 0);
const isDeclared = (d: CoveringDeclaration) => d.source === 'incident' || d.source === 'manual';

/** The layer that decides (rule 2): declared beats monitors; maintenance only where nothing worse shows. */
function decidingLayer(covering: CoveringDeclaration[], status: ComponentStatus): CoveringDeclaration[] {
  const declared = covering.filter(isDeclared);
  const layer = declared.length ? declared : covering.filter((d) => d.source === 'monitor');
  const matching = layer.filter((d) => d.status === status);
  if (matching.length) return matching;
  return covering.filter((d) => d.source === 'maintenance');
}

/** The effective status at one instant (exactly `statusOf`'s) and which declarations decide it. */
export function explainStatus(covering: CoveringDeclaration[]): ExplainedStatus {
  const { status, maintenance } = statusOf(covering);
  const deciders = decidingLayer(covering, status).sort(byOrder);
  const overruled = covering.filter((d) => !deciders.includes(d) && d.source !== 'maintenance' && d.status !== status).sort(byOrder);
  return { status, maintenance, deciders, overruled };
}

/** Names the page needs to word a source: monitor names of the component. */
export interface SourceNames {
  monitors: string[];
}

/** "incident #12", "set by hand Dec 7, 2026, 14:02 UTC", "monitor api-health", "maintenance #3". */
export function describeDecider(d: CoveringDeclaration, names: SourceNames): string {
  if (d.source === 'incident') return `incident #${d.sourceId}`;
  if (d.source === 'maintenance') return `maintenance #${d.sourceId}`;
  if (d.source === 'manual') return `set by hand ${formatUtc(d.start)}`;
  return names.monitors.length ? `${names.monitors.length > 1 ? 'monitors' : 'monitor'} ${names.monitors.join(', ')}` : 'monitors';
}

/** Where the status comes from: "incident #12, set by hand …"; "nothing declared" when nothing is. */
export function describeDeciders(e: ExplainedStatus, names: SourceNames): string {
  return e.deciders.length ? e.deciders.map((d) => describeDecider(d, names)).join(', ') : 'nothing declared';
}

/** "Major outage — incident #12"; with nothing declared, "Operational — nothing declared". */
export function describeStatus(e: ExplainedStatus, names: SourceNames): string {
  return `${STATUS_LABELS[e.status]} — ${describeDeciders(e, names)}`;
}

/** A hand-set non-operational status while no open incident affects the component: warn. */
export function isLeftoverManual(manual: ComponentStatus | null, openIncidentsAffecting: number): boolean {
  return manual !== null && manual !== 'operational' && openIncidentsAffecting === 0;
}

/** What resolving an incident does to one component (DESIGN rule 7). */
export interface ResolveEffect {
  now: ComponentStatus;
  /** The status once resolved, hand-set statuses from during the incident ended. */
  after: ComponentStatus;
  /** The hand-set status from during the incident that resolving ends (null: none), and the status if kept. */
  endsManual: { status: ComponentStatus; since: number; ifKept: ComponentStatus } | null;
}

/** Rule 7: the incident's declarations end, and so do hand-set statuses set since it started, unless kept. */
export function resolveEffect(covering: CoveringDeclaration[], incident: { id: number; startedAt: number }): ResolveEffect {
  const others = covering.filter((d) => !(d.source === 'incident' && d.sourceId === incident.id));
  const during = others.find((d) => d.source === 'manual' && d.start >= incident.startedAt) ?? null;
  const after = statusOf(others.filter((d) => d !== during)).status;
  return {
    now: statusOf(covering).status,
    after,
    endsManual: during && { status: during.status, since: during.start, ifKept: statusOf(others).status },
  };
}
