/** What each source declares, derived from its own records (an incident's updates, a maintenance window). */
// Decision: docs/decisions/003-status-history-derived-from-declarations.md
import type { ComponentStatus, IncidentStatus } from './enums';

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
