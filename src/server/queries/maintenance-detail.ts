/** One maintenance window for its public page /maintenance/:id. */
import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import type { Db } from '../db';
import { loadMaintenances, type MaintenanceView } from './public';

export function getMaintenance(db: Db, id: number): MaintenanceView | undefined {
  const row = db.select().from(maintenances).where(eq(maintenances.id, id)).get();
  return row ? loadMaintenances(db, [row])[0] : undefined;
}
