/** Rules for writes arriving in Statuspage's management-API shapes (src/server/statuspage-api maps them onto our verbs). */
import type { ComponentStatus, Impact } from './enums';
import { overallStatus } from './status';

/**
 * Statuspage computes an incident's impact from the statuses it sets unless `impact_override` says otherwise:
 * the same ladder as the page indicator (major outage → critical, partial → major, degraded → minor), else none.
 */
export function impactFromStatuses(statuses: readonly ComponentStatus[]): Impact {
  const { indicator } = overallStatus({
    componentStatuses: [...statuses],
    openIncidentImpacts: [],
    maintenanceInProgress: false,
  });
  return indicator === 'maintenance' ? 'none' : indicator;
}

/** Statuspage's form booleans: `t`/`f` (its documentation's spelling), true/false, 1/0; anything else is left for the schema to refuse. */
export function spBoolean(v: unknown): unknown {
  if (v === 't' || v === 'true' || v === '1') return true;
  if (v === 'f' || v === 'false' || v === '0') return false;
  return v;
}
