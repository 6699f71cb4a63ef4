/** Value sets shared by the schema, validation and the UI. Component statuses are ordered best → worst. */
export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** Every status but resolved: what an incident can be while it is open. */
export const OPEN_INCIDENT_STATUSES = INCIDENT_STATUSES.filter((s): s is Exclude<IncidentStatus, 'resolved'> => s !== 'resolved');

/** An incident update proper, or a note recording an edit (outside the lifecycle and response times). */
export const UPDATE_KINDS = ['update', 'note'] as const;

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
/** Statuses a window never leaves: the clock and operators cannot move it again. */
export const FINISHED_MAINTENANCE_STATUSES = ['completed', 'cancelled'] as const;
/** Statuses in which a window holds its components under maintenance (SQL filters use the list). */
export const ACTIVE_MAINTENANCE_STATUSES = ['in_progress', 'verifying'] as const;
/** Statuspage-format statuses of something that is over: a resolved incident (with or without post-mortem) or a finished window. */
export const FINISHED_SP_STATUSES = ['resolved', 'postmortem', ...FINISHED_MAINTENANCE_STATUSES] as const;

export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const INTERVAL_SOURCES = ['manual', 'incident', 'maintenance', 'monitor', 'system'] as const;

/** Who declares a component status over time (DESIGN rule 1); each keeps its own declarations. */
export const DECLARATION_SOURCES = ['incident', 'maintenance', 'monitor', 'manual'] as const;
export type DeclarationSource = (typeof DECLARATION_SOURCES)[number];

export const ROLES = ['admin', 'editor'] as const;
/** What an API key may do: `read` = GET only (editor reads), `write` = editor rights, `admin` = admin rights. */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export type Role = (typeof ROLES)[number];

export const MONITOR_TYPES = ['http', 'tcp'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

export const STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const IMPACT_LABELS: Record<Impact, string> = {
  none: 'None',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

export const MAINTENANCE_STATUS_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** What a webhook subscriber receives: Statuspage's JSON, or a chat service's incoming-webhook message. */
export const WEBHOOK_FORMATS = ['statuspage', 'slack', 'discord', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_FORMAT_LABELS: Record<WebhookFormat, string> = { statuspage: 'Statuspage JSON', slack: 'Slack', discord: 'Discord', teams: 'Microsoft Teams' };
