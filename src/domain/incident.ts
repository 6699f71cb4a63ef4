/** Incident lifecycle (rule 7) as pure transitions. */
// Decision: docs/decisions/011-incident-timeline-rules.md
import type { ComponentStatus, IncidentStatus } from './enums';
import { FUTURE_SLACK_MS } from './constants';
import { worstStatus } from './status';

export interface IncidentState {
  status: IncidentStatus;
  startedAt: number;
  identifiedAt: number | null;
  monitoringAt: number | null;
  resolvedAt: number | null;
  /** display time of the latest update, null before the first. */
  lastUpdateAt: number | null;
}

export class LifecycleError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export interface UpdateInput {
  status: IncidentStatus;
  displayAt: number;
}

export interface Transition {
  next: IncidentState;
  reopened: boolean;
  resolved: boolean;
}

/** Whether an operator-given time lies in the future, beyond the slack allowed for clock skew and typing. */
export function isInFuture(at: number, now: number): boolean {
  return at > now + FUTURE_SLACK_MS;
}

/**
 * Applies an update: any of investigating/identified/monitoring may follow another; resolved closes and
 * stamps resolvedAt; a non-resolved update on a resolved incident reopens it. Updates may be backdated but
 * never into the future nor before the previous update or the start.
 */
export function applyUpdate(state: IncidentState, input: UpdateInput, now: number): Transition {
  if (isInFuture(input.displayAt, now)) throw new LifecycleError('The update time cannot be in the future.', 'display_at');
  if (input.displayAt < state.startedAt) {
    throw new LifecycleError('The update time cannot be before the incident started.', 'display_at');
  }
  if (state.lastUpdateAt !== null && input.displayAt < state.lastUpdateAt) {
    throw new LifecycleError('The update time cannot be before the previous update.', 'display_at');
  }
  const wasResolved = state.status === 'resolved';
  const resolved = input.status === 'resolved';
  const next: IncidentState = {
    ...state,
    status: input.status,
    lastUpdateAt: input.displayAt,
    resolvedAt: resolved ? (wasResolved ? state.resolvedAt : input.displayAt) : null,
    identifiedAt: input.status === 'identified' && state.identifiedAt === null ? input.displayAt : state.identifiedAt,
    monitoringAt: input.status === 'monitoring' && state.monitoringAt === null ? input.displayAt : state.monitoringAt,
  };
  return { next, reopened: wasResolved && !resolved, resolved: resolved && !wasResolved };
}

/** The state of a new incident before its first update. */
export function initialState(startedAt: number): IncidentState {
  return { status: 'investigating', startedAt, identifiedAt: null, monitoringAt: null, resolvedAt: null, lastUpdateAt: null };
}

export interface Hold {
  componentId: number;
  status: ComponentStatus;
}

/**
 * Rule 7: when an incident resolves, each of its components returns to operational unless another open
 * incident still holds it (then it keeps the worst status those declare). Maintenance is applied separately.
 * Returns the manual status each component should carry next (null = released). Kept for rule 7 as a pure
 * statement; the server derives the same result from declarations (declarations.ts), so nothing calls it.
 */
export function releaseOnResolve(componentIds: number[], otherHolds: Hold[]): Map<number, ComponentStatus | null> {
  const out = new Map<number, ComponentStatus | null>();
  for (const id of componentIds) out.set(id, null);
  for (const h of otherHolds) {
    if (!out.has(h.componentId)) continue;
    const cur = out.get(h.componentId) ?? null;
    out.set(h.componentId, cur === null ? h.status : worstStatus(cur, h.status));
  }
  return out;
}
