/** Reads behind /metrics: the last hour of monitor checks (open incidents come from the page's overview). */
import { eq, gte } from 'drizzle-orm';
import { monitorResults, monitors } from '../../../db/schema';
import type { Db } from '../db';

export function recentChecks(db: Db, since: number): { monitor: string; componentId: number; ok: boolean; latencyMs: number | null }[] {
  return db
    .select({ monitor: monitors.name, componentId: monitors.componentId, ok: monitorResults.ok, latencyMs: monitorResults.latencyMs })
    .from(monitorResults)
    .innerJoin(monitors, eq(monitors.id, monitorResults.monitorId))
    .where(gte(monitorResults.at, since))
    .all();
}
