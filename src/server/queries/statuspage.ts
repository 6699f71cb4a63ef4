/** Read model of the Statuspage v2 API: loads rows and hands them to the pure mapping in domain/statuspage. */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { ACTIVE_MAINTENANCE_STATUSES, OPEN_INCIDENT_STATUSES } from '../../domain/enums';
import { prepared } from './prepared';
import { componentGroups, components, incidents, maintenances } from '../../../db/schema';
import { overallStatus } from '../../domain/status';
import {
  toSpComponents,
  toSpIncident,
  toSpMaintenance,
  toSpPage,
  type SpComponent,
  type SpIncident,
  type SpMaintenance,
  type SpPage,
  type SpStatus,
  type SpSummary,
} from '../../domain/statuspage';
import { getConfig } from '../config';
import type { Db } from '../db';
import { lastChangeQ, loadIncidents, loadMaintenances, visibleComponentsQ } from './public';
import { pageIdentity } from './identity';
import { getSettings } from './settings';

const RECENT = 50;

export interface SpContext {
  page: SpPage;
  pageId: string;
  siteUrl: string;
  components: SpComponent[];
  /** The page's reporting zone: every timestamp carries its offset. */
  timeZone: string;
}

const allGroupsQ = prepared((db) => db.select().from(componentGroups).prepare());
const visibleStatusesQ = prepared((db) => db.select({ status: components.status }).from(components).where(eq(components.visible, true)).prepare());
const openImpactsQ = prepared((db) => db.select({ impact: incidents.impact }).from(incidents).where(and(inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]), eq(incidents.draft, false))).prepare());
const activeMaintenanceQ = prepared((db) => db.select({ id: maintenances.id }).from(maintenances).where(inArray(maintenances.status, [...ACTIVE_MAINTENANCE_STATUSES])).limit(1).prepare());
const recentIncidentsQ = prepared((db) => db.select().from(incidents).where(eq(incidents.draft, false)).orderBy(desc(incidents.startedAt), desc(incidents.id)).limit(RECENT).prepare());
const unresolvedIncidentsQ = prepared((db) =>
  db.select().from(incidents).where(and(eq(incidents.draft, false), inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]))).orderBy(desc(incidents.startedAt), desc(incidents.id)).limit(RECENT).prepare(),
);
const maintenancesQ = {
  upcoming: prepared((db) => db.select().from(maintenances).where(eq(maintenances.status, 'scheduled')).orderBy(asc(maintenances.scheduledFor), asc(maintenances.id)).prepare()),
  active: prepared((db) => db.select().from(maintenances).where(inArray(maintenances.status, [...ACTIVE_MAINTENANCE_STATUSES])).orderBy(asc(maintenances.scheduledFor), asc(maintenances.id)).prepare()),
  recent: prepared((db) => db.select().from(maintenances).where(ne(maintenances.status, 'cancelled')).orderBy(desc(maintenances.scheduledFor), desc(maintenances.id)).limit(RECENT).prepare()),
};

/** Page and component list, shared by every v2 response. */
export function loadSpContext(db: Db, now: number): SpContext {
  const siteUrl = getConfig().siteUrl;
  const pageId = pageIdentity(db, now).pageId;
  const settings = getSettings(db);
  const timeZone = settings.slaTimeZone;
  const last = lastChangeQ(db).get();
  const groups = allGroupsQ(db).all();
  const rows = visibleComponentsQ(db).all();
  return {
    page: toSpPage({ id: pageId, name: settings.pageName, url: siteUrl, updatedAt: last?.at ?? now, timeZone }),
    pageId,
    siteUrl,
    timeZone,
    components: toSpComponents(pageId, groups, rows, timeZone),
  };
}

export function spStatus(db: Db): SpStatus {
  const statuses = visibleStatusesQ(db).all().map((r) => r.status);
  const open = openImpactsQ(db).all();
  const active = activeMaintenanceQ(db).get();
  return overallStatus({ componentStatuses: statuses, openIncidentImpacts: open.map((o) => o.impact), maintenanceInProgress: active !== undefined });
}

/** The 50 most recent published incidents (any status), or only the unresolved ones; newest first. */
export function spIncidents(db: Db, ctx: SpContext, which: 'recent' | 'unresolved'): SpIncident[] {
  const rows = (which === 'unresolved' ? unresolvedIncidentsQ : recentIncidentsQ)(db).all();
  return loadIncidents(db, rows).map((i) => toSpIncident(i, ctx));
}

export type MaintenanceFilter = 'recent' | 'upcoming' | 'active';

/** Maintenances: the 50 most recent by window, or the upcoming (soonest first) or active ones. Cancelled ones are left out (v2 has no such status; docs/decisions/013-maintenance-windows-and-cancellation.md). */
export function spMaintenances(db: Db, ctx: SpContext, which: MaintenanceFilter): SpMaintenance[] {
  const rows = maintenancesQ[which](db).all();
  return loadMaintenances(db, rows).map((m) => toSpMaintenance(m, ctx));
}

/** /api/v2/summary.json: components, unresolved incidents, active and upcoming maintenance, status. */
export function spSummary(db: Db, now: number): SpSummary {
  const ctx = loadSpContext(db, now);
  return {
    page: ctx.page,
    components: ctx.components,
    incidents: spIncidents(db, ctx, 'unresolved'),
    scheduled_maintenances: [...spMaintenances(db, ctx, 'active'), ...spMaintenances(db, ctx, 'upcoming')],
    status: spStatus(db),
  };
}
