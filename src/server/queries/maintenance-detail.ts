/** One maintenance window for its public page /maintenance/:id. */
import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import type { PageShows } from '../../domain/pages';
import type { Db } from '../db';
import { maintenancesShownOn } from './page-records';
import { loadMaintenances, type MaintenanceView } from './public';

/** `page`: undefined unless that page shows the window. */
export function getMaintenance(db: Db, id: number, page?: PageShows): MaintenanceView | undefined {
  const row = db.select().from(maintenances).where(eq(maintenances.id, id)).get();
  if (!row || (page && maintenancesShownOn(db, page, [row]).length === 0)) return undefined;
  return loadMaintenances(db, [row], page)[0];
}
