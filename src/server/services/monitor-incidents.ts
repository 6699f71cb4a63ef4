/** Opens a draft (or, by setting, published) incident when the monitors take a component into an outage. */
// Decision: docs/decisions/014-monitor-verdicts-and-flap-control.md
import { and, eq, ne } from 'drizzle-orm';
import { components, incidentComponents, incidents } from '../../../db/schema';
import type { ComponentStatus } from '../../domain/enums';
import type { Db } from '../db';
import { getSettings } from '../queries/settings';
import { systemActor } from './actor';
import { createIncident, type IncidentRow } from './incidents';

const MONITOR_ACTOR = systemActor('monitor');

function hasOpenIncident(db: Db, componentId: number): boolean {
  const row = db
    .select({ id: incidents.id })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(and(eq(incidentComponents.componentId, componentId), ne(incidents.status, 'resolved')))
    .get();
  return row !== undefined;
}

/** Call inside the check's transaction; returns the incident opened, if any. */
export function openMonitorIncident(db: Db, componentId: number, status: ComponentStatus, detail: string | null, now: number): IncidentRow | null {
  const settings = getSettings(db);
  if (!settings.monitorDraftIncidents && !settings.autoPublishMonitorIncidents) return null;
  if (hasOpenIncident(db, componentId)) return null;
  const c = db.select({ name: components.name }).from(components).where(eq(components.id, componentId)).get();
  if (!c) return null;
  const what = status === 'major_outage' ? 'is down' : 'is partly down';
  return createIncident(
    db,
    {
      title: `${c.name} ${what}`,
      impact: status === 'major_outage' ? 'major' : 'minor',
      status: 'investigating',
      body: `Our automated checks detected a problem with ${c.name}${detail ? ` (${detail})` : ''}. We are investigating.`,
      components: { [String(componentId)]: status },
      startedAt: now,
      draft: !settings.autoPublishMonitorIncidents,
    },
    MONITOR_ACTOR,
    now,
  );
}
