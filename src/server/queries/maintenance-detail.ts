/** One maintenance window for its pages (public /maintenance/:id and /admin/maintenance/:id), with its progress updates. */
import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import type { Db } from '../db';
import { renderMarkdown } from '../markdown';
import { listMaintenanceUpdates } from '../services/maintenance-changes';
import { loadMaintenances, type MaintenanceView } from './public';

export function getMaintenance(db: Db, id: number): MaintenanceView | undefined {
  const row = db.select().from(maintenances).where(eq(maintenances.id, id)).get();
  return row ? loadMaintenances(db, [row])[0] : undefined;
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
