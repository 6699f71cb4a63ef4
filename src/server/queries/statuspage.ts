/** Read model of the Statuspage v2 API: loads rows and hands them to the pure mapping in domain/statuspage. */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { ACTIVE_MAINTENANCE_STATUSES, OPEN_INCIDENT_STATUSES } from '../../domain/enums';
import { prepared } from './prepared';
import { componentGroups, components, incidents, maintenances, subscribers } from '../../../db/schema';
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
import { incidentOnPageSql, incidentsShownOn, maintenancesShownOn } from './page-records';
import { pageNameOf, pageSiteUrl, type PageScope } from './pages';
import { onPage } from './public';

const RECENT = 50;

export interface SpContext {
  page: SpPage;
  pageId: string;
  siteUrl: string;
  components: SpComponent[];
  /** The page's reporting zone: every timestamp carries its offset. */
  timeZone: string;
  /** The status page answered for (issue 24); undefined: every record, as for the install. */
  scope?: PageScope;
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
export function loadSpContext(db: Db, now: number, scope?: PageScope): SpContext {
  const siteUrl = scope ? pageSiteUrl(getConfig().siteUrl, scope) : getConfig().siteUrl;
  const installId = pageIdentity(db, now).pageId;
  // another page's id is the install's with its slug, so two pages never share one
  const pageId = scope && !scope.isDefault ? `${installId}-${scope.slug}` : installId;
  const settings = getSettings(db);
  const timeZone = scope?.timeZone ?? settings.slaTimeZone;
  const last = lastChangeQ(db).get();
  const rows = onPage(scope, visibleComponentsQ(db).all());
  const groups = allGroupsQ(db).all().filter((g) => rows.some((c) => c.groupId === g.id));
  return {
    page: toSpPage({ id: pageId, name: scope ? pageNameOf(db, scope) : settings.pageName, url: siteUrl, updatedAt: last?.at ?? now, timeZone }),
    pageId,
    siteUrl,
    timeZone,
    scope,
    components: toSpComponents(pageId, groups, rows, timeZone),
  };
}

export function spStatus(db: Db, scope?: PageScope): SpStatus {
  if (scope) return spStatusOn(db, scope);
  const statuses = visibleStatusesQ(db).all().map((r) => r.status);
  const open = openImpactsQ(db).all();
  const active = activeMaintenanceQ(db).get();
  return overallStatus({ componentStatuses: statuses, openIncidentImpacts: open.map((o) => o.impact), maintenanceInProgress: active !== undefined });
}

/** The status of one page: its components, the open incidents and active windows it shows. */
function spStatusOn(db: Db, scope: PageScope): SpStatus {
  const statuses = onPage(scope, visibleComponentsQ(db).all()).map((c) => c.status);
  const open = incidentsShownOn(db, scope, unresolvedIncidentsQ(db).all());
  const active = maintenancesShownOn(db, scope, maintenancesQ.active(db).all());
  return overallStatus({ componentStatuses: statuses, openIncidentImpacts: open.map((o) => o.impact), maintenanceInProgress: active.length > 0 });
}

/** The 50 most recent published incidents (any status), or only the unresolved ones; newest first. */
export function spIncidents(db: Db, ctx: SpContext, which: 'recent' | 'unresolved'): SpIncident[] {
  const all = ctx.scope ? spPageIncidents(db, ctx.scope, which) : (which === 'unresolved' ? unresolvedIncidentsQ : recentIncidentsQ)(db).all();
  return loadIncidents(db, all, { updates: 'all', page: ctx.scope }).map((i) => toSpIncident(i, ctx));
}

/** A page's incidents, filtered in SQL so its 50 are its own newest, not the install's 50 thinned out. */
function spPageIncidents(db: Db, scope: PageScope, which: 'recent' | 'unresolved') {
  const open = which === 'unresolved' ? inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]) : undefined;
  return db.select().from(incidents).where(and(eq(incidents.draft, false), open, incidentOnPageSql(scope))).orderBy(desc(incidents.startedAt), desc(incidents.id)).limit(RECENT).all();
}

export type MaintenanceFilter = 'recent' | 'upcoming' | 'active';

/** Maintenances: the 50 most recent by window, or the upcoming (soonest first) or active ones. Cancelled ones are left out (v2 has no such status; docs/decisions/013-maintenance-windows-and-cancellation.md). */
export function spMaintenances(db: Db, ctx: SpContext, which: MaintenanceFilter): SpMaintenance[] {
  const all = maintenancesQ[which](db).all();
  const rows = ctx.scope ? maintenancesShownOn(db, ctx.scope, all) : all;
  return loadMaintenances(db, rows, ctx.scope).map((m) => toSpMaintenance(m, ctx));
}

/** /api/v2/summary.json: components, unresolved incidents, active and upcoming maintenance, status. */
export function spSummary(db: Db, now: number, scope?: PageScope): SpSummary {
  const ctx = loadSpContext(db, now, scope);
  return {
    page: ctx.page,
    components: ctx.components,
    incidents: spIncidents(db, ctx, 'unresolved'),
    scheduled_maintenances: [...spMaintenances(db, ctx, 'active'), ...spMaintenances(db, ctx, 'upcoming')],
    status: spStatus(db, scope),
  };
}

/** Rows the management API (src/server/statuspage-api) answers about, read here so its adapters hold no SQL. */
export const managementRows = {
  maintenance: (db: Db, id: number) => db.select().from(maintenances).where(eq(maintenances.id, id)).get(),
  subscriber: (db: Db, id: number) => db.select().from(subscribers).where(eq(subscribers.id, id)).get(),
  subscriberByEmail: (db: Db, email: string) => db.select().from(subscribers).where(eq(subscribers.email, email)).get(),
  componentSlugs: (db: Db) => db.select({ id: components.id, slug: components.slug }).from(components).all(),
  componentIds: (db: Db) =>
    db
      .select({ id: components.id })
      .from(components)
      .all()
      .map((c) => c.id),
};
