/** Reads behind /metrics: open incidents by impact and the last hour of monitor checks. */
import { and, eq, gte, ne, sql } from 'drizzle-orm';
import { incidents, monitorResults, monitors } from '../../../db/schema';
import type { Db } from '../db';

export function openIncidentsByImpact(db: Db): { impact: string; n: number }[] {
  return db
    .select({ impact: incidents.impact, n: sql<number>`count(*)` })
    .from(incidents)
    .where(and(ne(incidents.status, 'resolved'), eq(incidents.draft, false)))
    .groupBy(incidents.impact)
    .all();
}

export function recentChecks(db: Db, since: number): { monitor: string; ok: boolean; latencyMs: number | null }[] {
  return db
    .select({ monitor: monitors.name, ok: monitorResults.ok, latencyMs: monitorResults.latencyMs })
    .from(monitorResults)
    .innerJoin(monitors, eq(monitors.id, monitorResults.monitorId))
    .where(gte(monitorResults.at, since))
    .all();
}
