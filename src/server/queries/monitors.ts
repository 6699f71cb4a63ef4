/** Reads for the monitor admin: monitors with their component and verdict, recent raw results. */
import { and, asc, desc, eq } from 'drizzle-orm';
import { components, incidentComponents, incidents, monitorResults, monitors } from '../../../db/schema';
import type { CheckOutcome } from '../../domain/monitor';
import type { Db } from '../db';
import { readFlapState, type MonitorRow } from '../services/monitoring';

export interface MonitorListItem extends MonitorRow {
  componentName: string;
  componentSlug: string;
  verdict: CheckOutcome;
  target: string;
}

function describeTarget(m: MonitorRow): string {
  try {
    const c = JSON.parse(m.config) as { url?: string; method?: string; host?: string; port?: number };
    return m.type === 'http' ? `${c.method ?? 'GET'} ${c.url}` : `${c.host}:${c.port}`;
  } catch {
    return '(invalid settings)';
  }
}

export function listMonitors(db: Db): MonitorListItem[] {
  return db
    .select({ m: monitors, componentName: components.name, componentSlug: components.slug })
    .from(monitors)
    .innerJoin(components, eq(components.id, monitors.componentId))
    .orderBy(asc(components.position), asc(components.id), asc(monitors.id))
    .all()
    .map((r) => ({ ...r.m, componentName: r.componentName, componentSlug: r.componentSlug, verdict: readFlapState(r.m).verdict, target: describeTarget(r.m) }));
}

export function getMonitorItem(db: Db, id: number): MonitorListItem | undefined {
  return listMonitors(db).find((m) => m.id === id);
}

export function recentResults(db: Db, monitorId: number, limit = 50) {
  return db.select().from(monitorResults).where(eq(monitorResults.monitorId, monitorId)).orderBy(desc(monitorResults.at)).limit(limit).all();
}

export function componentChoices(db: Db): { id: number; name: string }[] {
  return db.select({ id: components.id, name: components.name }).from(components).orderBy(asc(components.position), asc(components.id)).all();
}

/** Unpublished incidents on a component (e.g. opened by its monitors), newest first. */
export function draftIncidentsFor(db: Db, componentId: number): { id: number; title: string; startedAt: number }[] {
  return db
    .select({ id: incidents.id, title: incidents.title, startedAt: incidents.startedAt })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(and(eq(incidentComponents.componentId, componentId), eq(incidents.draft, true)))
    .orderBy(desc(incidents.startedAt))
    .all();
}
