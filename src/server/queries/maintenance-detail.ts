/** One maintenance window for its pages (public /maintenance/:id and /admin/maintenance/:id), with its progress updates. */
import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import type { PageShows } from '../../domain/pages';
import type { Db } from '../db';
import { renderMarkdown } from '../markdown';
import { listMaintenanceUpdates } from '../services/maintenance-changes';
import { maintenancesShownOn } from './page-records';
import { loadMaintenances, type MaintenanceView } from './public';

/** `page`: undefined unless that page shows the window. */
export function getMaintenance(db: Db, id: number, page?: PageShows): MaintenanceView | undefined {
  const row = db.select().from(maintenances).where(eq(maintenances.id, id)).get();
  if (!row || (page && maintenancesShownOn(db, page, [row]).length === 0)) return undefined;
  return loadMaintenances(db, [row], page)[0];
}

export interface MaintenanceUpdateView {
  id: number;
  createdAt: number;
  body: string;
  bodyHtml: string;
}

/** A window's progress updates, newest first, their markdown rendered (sanitised). */
export function getMaintenanceUpdates(db: Db, id: number): MaintenanceUpdateView[] {
  return listMaintenanceUpdates(db, id)
    .reverse()
    .map((u) => ({ id: u.id, createdAt: u.createdAt, body: u.body, bodyHtml: renderMarkdown(u.body) }));
}
