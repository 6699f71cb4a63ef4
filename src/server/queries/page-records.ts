/**
 * Which records a page shows (src/domain/pages.ts `recordOnPage`), for reads: a filter over loaded rows where the
 * list is short (open incidents, current windows), and the same rule as SQL where the database pages through history.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { incidentComponents, incidentPages, maintenanceComponents } from '../../../db/schema';
import { componentOnPage, recordOnPage, type PageShows } from '../../domain/pages';
import { groupBy } from '../../domain/group-by';
import type { Db } from '../db';
import { idList, idsIn, idsOf, prepared } from './prepared';

const incidentComponentIdsQ = prepared((db) => db.select().from(incidentComponents).where(inArray(incidentComponents.incidentId, idsIn('ids'))).prepare());
const incidentPageIdsQ = prepared((db) => db.select().from(incidentPages).where(inArray(incidentPages.incidentId, idsIn('ids'))).prepare());
const maintenanceComponentIdsQ = prepared((db) => db.select().from(maintenanceComponents).where(inArray(maintenanceComponents.maintenanceId, idsIn('ids'))).prepare());

/** The incidents among `rows` that `page` shows, in their order. */
export function incidentsShownOn<R extends { id: number }>(db: Db, page: PageShows, rows: R[]): R[] {
  if (rows.length === 0) return rows;
  const ids = idList(rows.map((r) => r.id));
  const comps = groupBy(incidentComponentIdsQ(db).all({ ids }), (r) => r.incidentId);
  const chosen = groupBy(incidentPageIdsQ(db).all({ ids }), (r) => r.incidentId);
  return rows.filter((r) =>
    recordOnPage(page, { componentIds: (comps.get(r.id) ?? []).map((c) => c.componentId), pageIds: (chosen.get(r.id) ?? []).map((p) => p.pageId) }),
  );
}

/** The maintenance windows among `rows` that `page` shows (windows are never restricted to pages). */
export function maintenancesShownOn<R extends { id: number }>(db: Db, page: PageShows, rows: R[]): R[] {
  if (rows.length === 0 || (page.componentIds === null && page.isDefault)) return rows;
  const comps = groupBy(maintenanceComponentIdsQ(db).all({ ids: idList(rows.map((r) => r.id)) }), (r) => r.maintenanceId);
  return rows.filter((r) => recordOnPage(page, { componentIds: (comps.get(r.id) ?? []).map((c) => c.componentId), pageIds: [] }));
}

/** Component refs (of an incident, a window, an update) limited to those the page shows: no other page's names leak. */
export function refsOnPage<R extends { id: number }>(page: PageShows, refs: R[]): R[] {
  return page.componentIds === null ? refs : refs.filter((r) => componentOnPage(page, r.id));
}

/** The SQL of `recordOnPage` for `incidents.id` (kept in step with it by src/testing/pages.http.test.ts). */
export function incidentOnPageSql(page: PageShows): SQL {
  const chosen = sql`EXISTS (SELECT 1 FROM incident_pages ip WHERE ip.incident_id = incidents.id)`;
  const chosenHere = sql`EXISTS (SELECT 1 FROM incident_pages ip WHERE ip.incident_id = incidents.id AND ip.page_id = ${page.id})`;
  const has = sql`EXISTS (SELECT 1 FROM incident_components ic WHERE ic.incident_id = incidents.id)`;
  const listed = page.componentIds === null ? has : sql`EXISTS (SELECT 1 FROM incident_components ic WHERE ic.incident_id = incidents.id AND ic.component_id IN ${idsOf([...page.componentIds])})`;
  // the default page also shows incidents of no component
  const shows = page.isDefault ? (page.componentIds === null ? sql`1` : sql`(${listed} OR NOT ${has})`) : listed;
  // an audience viewer sees a record posted to the page only through one of their components
  const chosenShown = page.viewerScoped ? sql`(${chosenHere} AND ${listed})` : chosenHere;
  return sql`(CASE WHEN ${chosen} THEN ${chosenShown} ELSE ${shows} END)`;
}

/**
 * Day figures with only the incidents `page` shows: the day cache is per component, shared by every page, and an
 * incident posted to other pages only must not name itself in this page's bars.
 */
export function dayIncidentsOnPage<D extends { incidents: { id: number }[] }>(db: Db, page: PageShows, records: Map<number, D[]>): Map<number, D[]> {
  const ids = new Set<number>();
  for (const days of records.values()) for (const d of days) for (const i of d.incidents) ids.add(i.id);
  if (ids.size === 0) return records;
  const kept = new Set(incidentsShownOn(db, page, [...ids].map((id) => ({ id }))).map((r) => r.id));
  if (kept.size === ids.size) return records;
  const out = new Map<number, D[]>();
  for (const [c, days] of records) out.set(c, days.map((d) => (d.incidents.every((i) => kept.has(i.id)) ? d : { ...d, incidents: d.incidents.filter((i) => kept.has(i.id)) })));
  return out;
}
