/** Maintenance windows follow the clock unless an operator intervened. */
// Decision: docs/decisions/013-maintenance-windows-and-cancellation.md
import { ACTIVE_MAINTENANCE_STATUSES, type MaintenanceStatus } from './enums';

export interface MaintenanceWindow {
  status: MaintenanceStatus;
  scheduledFor: number;
  scheduledUntil: number;
  startedAt: number | null;
  completedAt: number | null;
}

/** The status a window should have at `now` (operator's early start/completion stick). */
export function maintenanceStatusAt(m: MaintenanceWindow, now: number): MaintenanceStatus {
  if (m.status === 'cancelled') return 'cancelled';
  if (m.completedAt !== null || m.status === 'completed') return 'completed';
  if (m.status === 'verifying') return now >= m.scheduledUntil ? 'completed' : 'verifying';
  if (now >= m.scheduledUntil) return 'completed';
  if (m.startedAt !== null || now >= m.scheduledFor) return 'in_progress';
  return 'scheduled';
}

/** The effective [start, end) a maintenance covered or covers, clipped to now while in progress. */
export function maintenanceSpan(m: MaintenanceWindow, now: number): { start: number; end: number } | null {
  const start = m.startedAt ?? m.scheduledFor;
  const end = m.completedAt ?? Math.min(m.scheduledUntil, now);
  if (start > now || end <= start) return null;
  return { start, end };
}

/** Whether a window in this status holds its components (in progress or verifying). */
export function isActiveStatus(status: MaintenanceStatus): boolean {
  return (ACTIVE_MAINTENANCE_STATUSES as readonly MaintenanceStatus[]).includes(status);
}

/** Whether the window holds its components at `now` (its clock-derived status is active). */
export function isActiveAt(m: MaintenanceWindow, now: number): boolean {
  return isActiveStatus(maintenanceStatusAt(m, now));
}

/** What an operator may do to a window. */
export const MAINTENANCE_ACTIONS = ['edit', 'start', 'update', 'extend', 'complete', 'cancel'] as const;
export type MaintenanceAction = (typeof MAINTENANCE_ACTIONS)[number];

// Before the start every field may change; while it runs it takes progress updates; finished windows are history.
const ACTIONS_BY_STAGE: Record<MaintenanceStatus, readonly MaintenanceAction[]> = {
  scheduled: ['edit', 'start', 'extend', 'cancel'],
  in_progress: ['update', 'extend', 'complete', 'cancel'],
  verifying: ['update', 'extend', 'complete', 'cancel'],
  completed: [],
  cancelled: [],
};

/** The actions that make sense for a window at `now` (its clock-derived stage decides). */
export function maintenanceActions(m: MaintenanceWindow, now: number): readonly MaintenanceAction[] {
  return ACTIONS_BY_STAGE[maintenanceStatusAt(m, now)];
}

/** Whether `action` makes sense for the window at `now`. */
export function allowsMaintenanceAction(m: MaintenanceWindow, now: number, action: MaintenanceAction): boolean {
  return maintenanceActions(m, now).includes(action);
}
