/** Maintenance windows follow the clock unless an operator intervened. */
import type { MaintenanceStatus } from './enums';

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

/** Whether an active (scheduled or in-progress) window holds components at `now`. */
export function isActiveAt(m: MaintenanceWindow, now: number): boolean {
  const s = maintenanceStatusAt(m, now);
  return s === 'in_progress' || s === 'verifying';
}
