/** Read models for the public pages. Costs depend on components and the 90-day window, never on history length. */
import { and, asc, desc, eq, gte, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import {
  changeLog,
  componentGroups,
  components,
  dailyRollups,
  incidentComponents,
  incidentUpdateComponents,
  incidentUpdates,
  incidents,
  maintenanceComponents,
  maintenances,
  statusIntervals,
} from '../../../db/schema';
import { HISTORY_DAYS, MS_PER_DAY } from '../../domain/constants';
import { ACTIVE_MAINTENANCE_STATUSES, FINISHED_MAINTENANCE_STATUSES, OPEN_INCIDENT_STATUSES, type ComponentStatus, type Impact, type IncidentStatus, type MaintenanceStatus } from '../../domain/enums';
import { isActiveStatus } from '../../domain/maintenance';
import { overallStatus, type OverallStatus } from '../../domain/status';
import { dayIndex } from '../../domain/time';
import { buildDayRecord, secondsInWindow, uptimeOfLastDays, uptimePercent, type DayFigure, type DayIncident, type DaySeconds, type StatusInterval } from '../../domain/uptime';
import type { Db } from '../db';
import { renderMarkdown } from '../markdown';
import { cachedDayRecords, incidentsInWindow, type WindowIncident } from './day-cache';
import { getSettings } from './settings';
import { idList, idsIn, idsOf, prepared } from './prepared';
import { groupBy } from '../../domain/group-by';
import { componentOnPage, type PageShows } from '../../domain/pages';
import { dayIncidentsOnPage, incidentOnPageSql, incidentsShownOn, maintenancesShownOn, refsOnPage } from './page-records';

export interface ComponentRef {
  id: number;
  slug: string;
  name: string;
}

export interface ComponentView extends ComponentRef {
  description: string | null;
  groupId: number | null;
  status: ComponentStatus;
  statusChangedAt: number;
  target: number;
  startDate: number;
  days: DayFigure[];
  uptime: number | null;
  /** Show the day bars (Statuspage's `showcase`). */
  showcase: boolean;
}

interface GroupView {
  id: number;
  name: string;
  description: string | null;
  collapsed: boolean;
  components: ComponentView[];
}

interface UpdateView {
  id: number;
  status: IncidentStatus;
  bodyHtml: string;
  body: string;
  displayAt: number;
  createdAt: number;
  updatedAt: number;
  affected: { componentId: number; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
}

export interface IncidentView {
  id: number;
  title: string;
  impact: Impact;
  status: IncidentStatus;
  startedAt: number;
  identifiedAt: number | null;
  monitoringAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
  components: ComponentRef[];
  updates: UpdateView[];
  postmortemMd: string | null;
  postmortemPublishedAt: number | null;
  excludedFromSla: boolean;
  exclusionReason: string | null;
}

export interface MaintenanceView {
  id: number;
  title: string;
  body: string;
  bodyHtml: string;
  status: MaintenanceStatus;
  scheduledFor: number;
  scheduledUntil: number;
  startedAt: number | null;
  completedAt: number | null;
  createdAt: number;
  updatedAt: number;
  components: ComponentRef[];
}

export interface Overview {
  pageName: string;
  overall: OverallStatus;
  lastUpdatedAt: number | null;
  groups: GroupView[];
  ungrouped: ComponentView[];
  activeIncidents: IncidentView[];
  activeMaintenances: MaintenanceView[];
  upcomingMaintenances: MaintenanceView[];
}

type IncidentRow = typeof incidents.$inferSelect;
type MaintenanceRow = typeof maintenances.$inferSelect;

const incidentComponentsQ = prepared((db) =>
  db
    .select({ incidentId: incidentComponents.incidentId, id: components.id, slug: components.slug, name: components.name })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(inArray(incidentComponents.incidentId, idsIn('ids')))
    .orderBy(asc(components.position))
    .prepare(),
);
const incidentUpdatesQ = prepared((db) =>
  db.select().from(incidentUpdates).where(inArray(incidentUpdates.incidentId, idsIn('ids'))).orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.id)).prepare(),
);
/** Only each incident's newest update (lists show one line per incident). */
const latestUpdatesQ = prepared((db) =>
  db
    .select()
    .from(incidentUpdates)
    .where(
      and(
        inArray(incidentUpdates.incidentId, idsIn('ids')),
        sql`${incidentUpdates.id} = (SELECT u2.id FROM incident_updates u2 WHERE u2.incident_id = ${incidentUpdates.incidentId} ORDER BY u2.display_at DESC, u2.id DESC LIMIT 1)`,
      ),
    )
    .orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.id))
    .prepare(),
);
const affectedQ = prepared((db) =>
  db
    .select({ updateId: incidentUpdateComponents.updateId, componentId: incidentUpdateComponents.componentId, name: components.name, oldStatus: incidentUpdateComponents.oldStatus, newStatus: incidentUpdateComponents.newStatus })
    .from(incidentUpdateComponents)
    .innerJoin(components, eq(components.id, incidentUpdateComponents.componentId))
    .innerJoin(incidentUpdates, eq(incidentUpdates.id, incidentUpdateComponents.updateId))
    .where(inArray(incidentUpdates.incidentId, idsIn('ids')))
    .prepare(),
);

/** Loads components with updates, affected components, in a fixed number of queries. */
/** `page`: name only the components that page shows (an incident may touch another page's components too). */
export function loadIncidents(db: Db, rows: IncidentRow[], opts: { updates: 'all' | 'latest'; page?: PageShows } = { updates: 'all' }): IncidentView[] {
  if (rows.length === 0) return [];
  const ids = idList(rows.map((r) => r.id));
  const comps = opts.page ? refsOnPage(opts.page, incidentComponentsQ(db).all({ ids })) : incidentComponentsQ(db).all({ ids });
  const ups = (opts.updates === 'latest' ? latestUpdatesQ : incidentUpdatesQ)(db).all({ ids });
  const affected = (ups.length ? affectedQ(db).all({ ids }) : []).filter((a) => !opts.page || componentOnPage(opts.page, a.componentId));
  return rows.map((r) => {
    let updates = ups.filter((u) => u.incidentId === r.id);
    if (opts.updates === 'latest') updates = updates.slice(0, 1);
    return {
      id: r.id,
      title: r.title,
      impact: r.impact,
      status: r.status,
      startedAt: r.startedAt,
      identifiedAt: r.identifiedAt,
      monitoringAt: r.monitoringAt,
      resolvedAt: r.resolvedAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      excludedFromSla: r.excludedFromSla,
      exclusionReason: r.exclusionReason,
      postmortemMd: r.postmortemPublishedAt ? r.postmortemMd : null,
      postmortemPublishedAt: r.postmortemPublishedAt,
      components: comps.filter((c) => c.incidentId === r.id).map(({ id, slug, name }) => ({ id, slug, name })),
      updates: updates.map((u) => ({
        id: u.id,
        status: u.status,
        body: u.body,
        bodyHtml: renderMarkdown(u.body),
        displayAt: u.displayAt,
        createdAt: u.createdAt,
        updatedAt: u.updatedAt,
        affected: affected.filter((a) => a.updateId === u.id).map(({ componentId, name, oldStatus, newStatus }) => ({ componentId, name, oldStatus, newStatus })),
      })),
    };
  });
}

const maintenanceComponentsQ = prepared((db) =>
  db
    .select({ maintenanceId: maintenanceComponents.maintenanceId, id: components.id, slug: components.slug, name: components.name })
    .from(maintenanceComponents)
    .innerJoin(components, eq(components.id, maintenanceComponents.componentId))
    .where(inArray(maintenanceComponents.maintenanceId, idsIn('ids')))
    .prepare(),
);

export function loadMaintenances(db: Db, rows: MaintenanceRow[], page?: PageShows): MaintenanceView[] {
  if (rows.length === 0) return [];
  const all = maintenanceComponentsQ(db).all({ ids: idList(rows.map((r) => r.id)) });
  const comps = page ? refsOnPage(page, all) : all;
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    body: m.body,
    bodyHtml: renderMarkdown(m.body),
    status: m.status,
    scheduledFor: m.scheduledFor,
    scheduledUntil: m.scheduledUntil,
    startedAt: m.startedAt,
    completedAt: m.completedAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    components: comps.filter((c) => c.maintenanceId === m.id).map(({ id, slug, name }) => ({ id, slug, name })),
  }));
}

const openIntervalsQ = prepared((db) => db.select().from(statusIntervals).where(and(inArray(statusIntervals.componentId, idsIn('ids')), isNull(statusIntervals.endedAt))).prepare());

/**
 * Day figures of the given components over the last `days` days: rollups + open intervals + incidents per day.
 * `shown` is incidentsInWindow's answer when the caller already has it.
 */
export function loadDayRecords(db: Db, comps: { id: number; startDate: number }[], now: number, days = HISTORY_DAYS, shown?: Map<number, WindowIncident[]>): Map<number, DayFigure[]> {
  const out = new Map<number, DayFigure[]>();
  if (comps.length === 0) return out;
  const ids = comps.map((c) => c.id);
  const first = dayIndex(now) - days + 1;
  // 90 rows per component: plain rows, as drizzle's per-column mapping cost more than the query.
  const rollRows = db.all<{ componentId: number; day: number; operationalS: number; maintenanceS: number; degradedS: number; partialS: number; majorS: number }>(
    sql`SELECT component_id AS componentId, day, operational_s AS operationalS, maintenance_s AS maintenanceS, degraded_s AS degradedS, partial_s AS partialS, major_s AS majorS
        FROM ${dailyRollups} WHERE component_id IN ${idsOf(ids)} AND day >= ${first}`,
  );
  const open = openIntervalsQ(db).all({ ids: idList(ids) });
  const incidentsOf = shown ?? incidentsInWindow(db, ids, now, days);
  const rollupsOf = groupBy(rollRows, (r) => r.componentId);
  const openOf = groupBy(open, (o) => o.componentId);
  for (const c of comps) {
    const rollups = new Map<number, DaySeconds>();
    for (const r of rollupsOf.get(c.id) ?? []) {
      rollups.set(r.day, { operational: r.operationalS, maintenance: r.maintenanceS, degraded: r.degradedS, partial: r.partialS, major: r.majorS });
    }
    const byDay = new Map<number, DayIncident[]>();
    for (const i of incidentsOf.get(c.id) ?? []) {
      const last = Math.min(dayIndex(i.resolvedAt ?? now), dayIndex(now));
      for (let d = Math.max(dayIndex(i.startedAt), first); d <= last; d++) {
        const list = byDay.get(d) ?? [];
        list.push({ id: i.id, title: i.title, impact: i.impact });
        byDay.set(d, list);
      }
    }
    const pending = (openOf.get(c.id) ?? []).map((o) => ({ status: o.status, start: o.startedAt, end: null, maintenance: o.maintenance }));
    out.set(c.id, buildDayRecord({ rollups, pending, startDate: c.startDate, now, days, incidentsByDay: byDay }));
  }
  return out;
}

function toComponentView(c: typeof components.$inferSelect, days: DayFigure[]): ComponentView {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    groupId: c.groupId,
    status: c.status,
    statusChangedAt: c.statusChangedAt,
    target: c.target,
    startDate: c.startDate,
    days,
    uptime: uptimeOfLastDays(days, days.length),
    showcase: c.showcase,
  };
}

const groupsQ = prepared((db) => db.select().from(componentGroups).orderBy(asc(componentGroups.position), asc(componentGroups.id)).prepare());
/** Visible components in page order (also the v2 API's list). */
export const visibleComponentsQ = prepared((db) => db.select().from(components).where(eq(components.visible, true)).orderBy(asc(components.position), asc(components.id)).prepare());
// By status through incidents_status_idx: the open few, not every incident ever in start order.
const openIncidentsQ = prepared((db) => db.select().from(incidents).where(and(inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]), eq(incidents.draft, false))).orderBy(desc(incidents.startedAt)).prepare());
const currentMaintenancesQ = prepared((db) =>
  db
    .select()
    .from(maintenances)
    .where(or(inArray(maintenances.status, [...ACTIVE_MAINTENANCE_STATUSES]), and(eq(maintenances.status, 'scheduled'), gte(maintenances.scheduledUntil, sql.placeholder('now')))))
    .orderBy(asc(maintenances.scheduledFor))
    .prepare(),
);
/** When anything public last changed. */
export const lastChangeQ = prepared((db) => db.select({ at: changeLog.at }).from(changeLog).orderBy(desc(changeLog.id)).limit(1).prepare());

/** Everything `/` shows. */
export function getOverview(db: Db, now: number, page?: PageShows): Overview {
  const settings = getSettings(db);
  const groups = groupsQ(db).all();
  const all = onPage(page, visibleComponentsQ(db).all());
  const shown = all.filter((c) => !c.onlyShowIfDegraded || c.status !== 'operational');
  const cached = cachedDayRecords(db, shown, now, (cs, inWindow) => loadDayRecords(db, cs, now, HISTORY_DAYS, inWindow));
  const records = page ? dayIncidentsOnPage(db, page, cached) : cached;
  const views = shown.map((c) => toComponentView(c, records.get(c.id) ?? []));
  const openRows = page ? incidentsShownOn(db, page, openIncidentsQ(db).all()) : openIncidentsQ(db).all();
  const activeIncidents = loadIncidents(db, openRows, { updates: 'latest', page });
  const current = currentMaintenancesQ(db).all({ now });
  const ms = loadMaintenances(db, page ? maintenancesShownOn(db, page, current) : current, page);
  const last = lastChangeQ(db).get();
  return {
    pageName: settings.pageName,
    overall: overallStatus({
      componentStatuses: all.map((c) => c.status),
      openIncidentImpacts: openRows.map((i) => i.impact),
      maintenanceInProgress: ms.some((m) => isActiveStatus(m.status)),
    }),
    lastUpdatedAt: last?.at ?? null,
    groups: groups
      .map((g) => ({ id: g.id, name: g.name, description: g.description, collapsed: g.collapsed, components: views.filter((v) => v.groupId === g.id) }))
      .filter((g) => g.components.length > 0),
    ungrouped: views.filter((v) => v.groupId === null || !groups.some((g) => g.id === v.groupId)),
    activeIncidents,
    activeMaintenances: ms.filter((m) => isActiveStatus(m.status)),
    upcomingMaintenances: ms.filter((m) => m.status === 'scheduled'),
  };
}

/** The components a page shows, in their order (all of them without a page). */
export function onPage<C extends { id: number }>(page: PageShows | undefined, comps: C[]): C[] {
  return page ? comps.filter((c) => componentOnPage(page, c.id)) : comps;
}

export function countComponents(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(components).get()?.n ?? 0;
}

/** One incident with its full timeline, or undefined (drafts are not public). */
const incidentByIdQ = prepared((db) => db.select().from(incidents).where(eq(incidents.id, sql.placeholder('id'))).prepare());

export function getIncident(db: Db, id: number, opts: { includeDrafts?: boolean; page?: PageShows } = {}): IncidentView | undefined {
  const row = incidentByIdQ(db).get({ id });
  if (!row || (row.draft && !opts.includeDrafts)) return undefined;
  if (opts.page && incidentsShownOn(db, opts.page, [row]).length === 0) return undefined;
  return loadIncidents(db, [row], { updates: 'all', page: opts.page })[0];
}

export interface HistoryPage {
  months: { month: string; incidents: IncidentView[] }[];
  page: number;
  pages: number;
  total: number;
}

/** Incidents newest first, grouped by month of start, `perPage` per page, optionally for one component. */
export function getHistory(db: Db, opts: { page: number; perPage: number; componentId?: number; on?: PageShows }): HistoryPage {
  const where = and(
    eq(incidents.draft, false),
    opts.on ? incidentOnPageSql(opts.on) : undefined,
    opts.componentId ? sql`${incidents.id} IN (SELECT incident_id FROM incident_components WHERE component_id = ${opts.componentId})` : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(incidents).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / opts.perPage));
  const rows = db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(opts.perPage)
    .offset((opts.page - 1) * opts.perPage)
    .all();
  const views = loadIncidents(db, rows, { updates: 'latest', page: opts.on });
  const months: HistoryPage['months'] = [];
  for (const v of views) {
    const month = new Date(v.startedAt).toISOString().slice(0, 7);
    const last = months[months.length - 1];
    if (last?.month === month) last.incidents.push(v);
    else months.push({ month, incidents: [v] });
  }
  return { months, page: opts.page, pages, total };
}

export interface ComponentDetail {
  component: ComponentView;
  group: { id: number; name: string } | null;
  uptime: { h24: number | null; d7: number | null; d30: number | null; d90: number | null };
  incidents: IncidentView[];
}

/** One component: status, day bars, uptime over 24 h / 7 / 30 / 90 days, its recent incidents. */
const componentBySlugQ = prepared((db) => db.select().from(components).where(and(eq(components.slug, sql.placeholder('slug')), eq(components.visible, true))).prepare());
const recentIntervalsQ = prepared((db) =>
  db
    .select()
    .from(statusIntervals)
    .where(and(eq(statusIntervals.componentId, sql.placeholder('id')), or(isNull(statusIntervals.endedAt), gte(statusIntervals.endedAt, sql.placeholder('from')))))
    .prepare(),
);
const groupNameQ = prepared((db) => db.select({ id: componentGroups.id, name: componentGroups.name }).from(componentGroups).where(eq(componentGroups.id, sql.placeholder('id'))).prepare());
const componentIncidentsQ = prepared((db) =>
  db
    .select()
    .from(incidents)
    .where(and(eq(incidents.draft, false), sql`${incidents.id} IN (SELECT incident_id FROM incident_components WHERE component_id = ${sql.placeholder('id')})`))
    .orderBy(desc(incidents.startedAt))
    .limit(20)
    .prepare(),
);

export function getComponentDetail(db: Db, slug: string, now: number, page?: PageShows): ComponentDetail | undefined {
  const c = componentBySlugQ(db).get({ slug });
  if (!c || (page && !componentOnPage(page, c.id))) return undefined;
  const cached = cachedDayRecords(db, [c], now, (cs, inWindow) => loadDayRecords(db, cs, now, HISTORY_DAYS, inWindow));
  const days = (page ? dayIncidentsOnPage(db, page, cached) : cached).get(c.id) ?? [];
  const from24 = now - MS_PER_DAY;
  const recent = recentIntervalsQ(db)
    .all({ id: c.id, from: from24 })
    .map((r) => ({ status: r.status, start: r.startedAt, end: r.endedAt, maintenance: r.maintenance }));
  const group = c.groupId ? (groupNameQ(db).get({ id: c.groupId }) ?? null) : null;
  const incRows = page ? incidentsShownOn(db, page, componentIncidentsQ(db).all({ id: c.id })) : componentIncidentsQ(db).all({ id: c.id });
  return {
    component: toComponentView(c, days),
    group,
    uptime: {
      h24: uptimeWindow(recent, Math.max(from24, c.startDate), now),
      d7: uptimeOfLastDays(days, 7),
      d30: uptimeOfLastDays(days, 30),
      d90: uptimeOfLastDays(days, days.length),
    },
    incidents: loadIncidents(db, incRows, { updates: 'latest', page }),
  };
}

function uptimeWindow(intervals: StatusInterval[], from: number, to: number): number | null {
  if (to <= from) return null;
  return uptimePercent(secondsInWindow(intervals, from, to));
}

/** Maintenance: active and upcoming first, then the most recent completed or cancelled. */
export function getMaintenanceList(db: Db, now: number, limit = 50, page?: PageShows): { active: MaintenanceView[]; upcoming: MaintenanceView[]; past: MaintenanceView[] } {
  const live = db.select().from(maintenances).where(notInArray(maintenances.status, [...FINISHED_MAINTENANCE_STATUSES])).orderBy(asc(maintenances.scheduledFor)).all();
  const past = db.select().from(maintenances).where(inArray(maintenances.status, [...FINISHED_MAINTENANCE_STATUSES])).orderBy(desc(maintenances.scheduledFor)).limit(limit).all();
  const rows = [...live, ...past];
  const views = loadMaintenances(db, page ? maintenancesShownOn(db, page, rows) : rows, page);
  return {
    active: views.filter((m) => isActiveStatus(m.status)),
    upcoming: views.filter((m) => m.status === 'scheduled' && m.scheduledUntil >= now),
    past: views.filter((m) => (FINISHED_MAINTENANCE_STATUSES as readonly MaintenanceStatus[]).includes(m.status)),
  };
}

export function listComponentRefs(db: Db, page?: PageShows): ComponentRef[] {
  return onPage(page, db.select({ id: components.id, slug: components.slug, name: components.name }).from(components).where(eq(components.visible, true)).orderBy(asc(components.position)).all());
}
