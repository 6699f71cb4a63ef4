/** A component status set while an open incident affects it goes on that incident's timeline (issue 25). */
// Decision: docs/decisions/032-one-visible-status-per-component.md
import { and, eq } from 'drizzle-orm';
import { incidentComponents } from '../../../db/schema';
import { STATUS_LABELS, type ComponentStatus } from '../../domain/enums';
import { tx, type Db } from '../db';
import { ValidationError } from '../errors';
import type { Actor } from './actor';
import { requireComponent, type ComponentRow } from './components';
import { findIncident, postUpdate } from './incidents';

/** Posts `status` for the component as an update of incident `incidentId`, which must be open, public and affect it. */
export function postStatusAsUpdate(db: Db, incidentId: number, componentId: number, status: ComponentStatus | null, body: string | null, actor: Actor, now: number): ComponentRow {
  return tx(db, () => {
    const c = requireComponent(db, componentId);
    if (status === null) throw new ValidationError('An incident update needs a status: choose one, or set it by hand instead.', { status: 'An incident update needs a status: choose one, or set it by hand instead.' });
    const incident = findIncident(db, incidentId);
    const affects = db.select().from(incidentComponents).where(and(eq(incidentComponents.incidentId, incidentId), eq(incidentComponents.componentId, componentId))).get();
    if (!incident || incident.draft || incident.status === 'resolved' || !affects) {
      throw new ValidationError(`Incident #${incidentId} is not open on ${c.name}.`, { incident_id: 'Choose an open incident that affects this component, or set the status by hand.' });
    }
    postUpdate(db, incidentId, { status: incident.status, body: body ?? `${c.name}: ${STATUS_LABELS[status]}.`, components: { [componentId]: status } }, actor, now);
    return requireComponent(db, componentId);
  });
}
