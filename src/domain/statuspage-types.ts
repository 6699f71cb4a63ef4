/** Statuspage v2 shapes (outputs, field names exactly as Statuspage's) and the plain rows they are built from. */
import type { ComponentStatus, Impact, IncidentStatus, Indicator, MaintenanceStatus } from './enums';

export type IsoTime = string;

export interface SpPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: IsoTime;
}

export interface SpStatus {
  indicator: Indicator;
  description: string;
}

export interface SpComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: IsoTime;
  updated_at: IsoTime;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
}

export interface SpAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

interface SpIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: IsoTime;
  updated_at: IsoTime;
  display_at: IsoTime;
  affected_components: SpAffectedComponent[];
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

/** `postmortem`: a resolved incident whose post-mortem is published (Statuspage's value). */
type SpIncidentStatus = IncidentStatus | 'postmortem';

export interface SpIncident {
  id: string;
  name: string;
  status: SpIncidentStatus;
  created_at: IsoTime;
  updated_at: IsoTime;
  monitoring_at: IsoTime | null;
  resolved_at: IsoTime | null;
  impact: Impact;
  shortlink: string;
  started_at: IsoTime;
  page_id: string;
  incident_updates: SpIncidentUpdate[];
  components: SpComponent[];
  reminder_intervals: null;
}

export interface SpMaintenance extends Omit<SpIncident, 'status' | 'impact' | 'monitoring_at' | 'reminder_intervals'> {
  status: MaintenanceStatus;
  impact: 'maintenance';
  monitoring_at: null;
  scheduled_for: IsoTime;
  scheduled_until: IsoTime;
}

export interface SpSummary {
  page: SpPage;
  components: SpComponent[];
  incidents: SpIncident[];
  scheduled_maintenances: SpMaintenance[];
  status: SpStatus;
}

/** Plain inputs (what the queries load). */
export interface PageInput {
  id: string;
  name: string;
  url: string;
  updatedAt: number;
  /** IANA zone of the page's reports; UTC when absent. */
  timeZone?: string;
}
export interface GroupInput {
  id: number;
  name: string;
  description: string | null;
  position: number;
  createdAt: number;
  updatedAt: number;
}
export interface ComponentInput {
  id: number;
  name: string;
  description: string | null;
  groupId: number | null;
  position: number;
  status: ComponentStatus;
  startDate: number;
  onlyShowIfDegraded: boolean;
  /** Show uptime bars (Statuspage's `showcase`); true when absent. */
  showcase?: boolean;
  createdAt: number;
  updatedAt: number;
}
interface UpdateInput {
  id: number;
  status: IncidentStatus;
  body: string;
  displayAt: number;
  createdAt: number;
  updatedAt: number;
  affected: { componentId: number; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
}
export interface IncidentInput {
  id: number;
  title: string;
  impact: Impact;
  status: IncidentStatus;
  startedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
  components: { id: number }[];
  /** Newest first. */
  updates: UpdateInput[];
  postmortemMd: string | null;
  postmortemPublishedAt: number | null;
}
export interface MaintenanceInput {
  id: number;
  title: string;
  body: string;
  status: MaintenanceStatus;
  scheduledFor: number;
  scheduledUntil: number;
  startedAt: number | null;
  completedAt: number | null;
  createdAt: number;
  updatedAt: number;
  components: { id: number }[];
}
