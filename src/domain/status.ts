/** Status derivation: effective component status (rule 2) and overall page status (rule 3). */
// Decision: docs/decisions/006-overall-page-indicator.md
// Decision: docs/decisions/005-effective-component-status.md
import { COMPONENT_STATUSES, type ComponentStatus, type Impact, type Indicator } from './enums';

const RANK: Record<ComponentStatus, number> = Object.fromEntries(COMPONENT_STATUSES.map((s, i) => [s, i])) as Record<
  ComponentStatus,
  number
>;

/** Position in COMPONENT_STATUSES: higher is worse. */
export function statusRank(s: ComponentStatus): number {
  return RANK[s];
}

/** The worse of the given statuses (operational for none). */
export function worstStatus(...statuses: (ComponentStatus | null | undefined)[]): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses) if (s && RANK[s] > RANK[worst]) worst = s;
  return worst;
}

export interface StatusSources {
  /** Set by an operator or an open incident; null = none declared. */
  manual: ComponentStatus | null;
  /** The monitors' verdict; null = no monitor. */
  monitor: ComponentStatus | null;
  /** A maintenance window holding the component is in progress. */
  inMaintenance: boolean;
}

/**
 * Rule 2: a declared (operator/incident) status wins over the monitors; a maintenance window shows
 * under_maintenance unless something worse is happening.
 */
export function effectiveStatus({ manual, monitor, inMaintenance }: StatusSources): ComponentStatus {
  const base: ComponentStatus = manual ?? monitor ?? 'operational';
  if (!inMaintenance) return base;
  return worstStatus(base, 'under_maintenance');
}

export interface OverallInput {
  componentStatuses: ComponentStatus[];
  /** Impacts of unresolved (published) incidents. */
  openIncidentImpacts: Impact[];
  maintenanceInProgress: boolean;
}

export interface OverallStatus {
  indicator: Indicator;
  description: string;
}

const DESCRIPTIONS: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

/** Rule 3: the page's indicator from component statuses, open incidents and maintenance. */
export function overallStatus({ componentStatuses, openIncidentImpacts, maintenanceInProgress }: OverallInput): OverallStatus {
  const has = (s: ComponentStatus) => componentStatuses.includes(s);
  const impact = (i: Impact) => openIncidentImpacts.includes(i);
  let indicator: Indicator;
  if (has('major_outage') || impact('critical')) indicator = 'critical';
  else if (has('partial_outage') || impact('major')) indicator = 'major';
  else if (has('degraded_performance') || impact('minor')) indicator = 'minor';
  else if (maintenanceInProgress || has('under_maintenance')) indicator = 'maintenance';
  else indicator = 'none';
  // Statuspage words a page whose worst problem is degraded performance differently from a minor incident
  if (indicator === 'minor' && has('degraded_performance') && !impact('minor')) return { indicator, description: 'Partially Degraded Service' };
  return { indicator, description: describeIndicator(indicator) };
}

function describeIndicator(indicator: Indicator): string {
  return DESCRIPTIONS[indicator];
}
