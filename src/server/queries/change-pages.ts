/** Which pages a change_log entry shows on (issue 24): the facts of its record, looked up, judged by `pagesShowing`. */
import { eq, sql } from 'drizzle-orm';
import { changeLog, incidentComponents, incidentPages, maintenanceComponents } from '../../../db/schema';
import { pagesShowing, type PageShows } from '../../domain/pages';
import type { Db } from '../db';
import type { ChangeEvent } from './changes';
import { prepared } from './prepared';

const id = sql.placeholder('id');
const incidentComponentsQ = prepared((db) => db.select({ id: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, id)).prepare());
const incidentPagesQ = prepared((db) => db.select({ id: incidentPages.pageId }).from(incidentPages).where(eq(incidentPages.incidentId, id)).prepare());
const maintenanceComponentsQ = prepared((db) => db.select({ id: maintenanceComponents.componentId }).from(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, id)).prepare());
const payloadQ = prepared((db) => db.select({ payload: changeLog.payload }).from(changeLog).where(eq(changeLog.id, id)).prepare());

/** Components an incident change dropped or a deleted incident had (src/server/http/cache-tags.ts reads the same payload). */
function payloadComponents(db: Db, changeId: number): number[] {
  try {
    const p = JSON.parse(payloadQ(db).get({ id: changeId })?.payload ?? 'null') as { components?: unknown } | null;
    return Array.isArray(p?.components) ? p.components.filter((c): c is number => Number.isInteger(c)) : [];
  } catch {
    return [];
  }
}

/** The facts of a change: its record's components and chosen pages; null when it may show anywhere. */
function changeFacts(db: Db, e: ChangeEvent): { componentIds: number[]; pageIds: number[] } | null {
  const n = Number(e.entity_id);
  if (e.entity_id === null || !Number.isInteger(n)) return null;
  if (e.entity === 'incident') {
    const now = incidentComponentsQ(db).all({ id: n }).map((r) => r.id);
    return { componentIds: [...now, ...payloadComponents(db, e.id)], pageIds: incidentPagesQ(db).all({ id: n }).map((r) => r.id) };
  }
  if (e.entity === 'maintenance') return { componentIds: maintenanceComponentsQ(db).all({ id: n }).map((r) => r.id), pageIds: [] };
  if (e.entity === 'component') return { componentIds: [n], pageIds: [] };
  return null;
}

/** The ids of the pages this change shows on. */
export function changePages(db: Db, pages: readonly PageShows[], e: ChangeEvent): number[] {
  return pagesShowing(pages, changeFacts(db, e));
}
