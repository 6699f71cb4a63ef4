/** Incident verbs: permission, shared schema, then the service's one transaction. */
import * as incidents from '../../services/incidents';
import { defineVerb } from '../verb';
import { IncidentCreate, IncidentDelete, IncidentEdit, IncidentRef, IncidentUpdate, Postmortem, SlaExclusion, UpdateEdit } from './schemas';

export const createIncident = defineVerb('incident.create', 'incident.create', (ctx) => IncidentCreate(ctx.now), (ctx, d) =>
  incidents.createIncident(
    ctx.db,
    { title: d.name, impact: d.impact, status: d.status, body: d.body, components: d.components, startedAt: d.started_at, displayAt: d.display_at, draft: d.draft, formToken: d.idempotency_key, deliverNotifications: d.deliver_notifications, pageIds: d.pages },
    ctx.actor,
    ctx.now,
  ),
);

export const postIncidentUpdate = defineVerb('incident.update', 'incident.update', (ctx) => IncidentUpdate(ctx.now), (ctx, d) =>
  incidents.postUpdate(ctx.db, d.incident_id, { status: d.status, body: d.body, components: d.components, displayAt: d.display_at, formToken: d.idempotency_key, deliverNotifications: d.deliver_notifications, keepManual: d.keep_manual }, ctx.actor, ctx.now),
);

export const editIncidentUpdate = defineVerb('incident.editUpdate', 'incident.editUpdate', UpdateEdit, (ctx, d) => incidents.editUpdateBody(ctx.db, d.update_id, d.body, ctx.actor, ctx.now));

export const saveIncidentPostmortem = defineVerb('incident.postmortem', 'incident.postmortem', Postmortem, (ctx, d) =>
  incidents.savePostmortem(ctx.db, d.incident_id, d.postmortem, d.publish, ctx.actor, ctx.now),
);

export const setIncidentSlaExclusion = defineVerb('incident.sla', 'incident.sla', SlaExclusion, (ctx, d) =>
  incidents.setSlaExclusion(ctx.db, d.incident_id, d.excluded_from_sla, d.exclusion_reason, ctx.actor, ctx.now),
);

export const publishIncident = defineVerb('incident.publish', 'incident.publish', IncidentRef, (ctx, d) => incidents.publishIncident(ctx.db, d.incident_id, ctx.actor, ctx.now));

export const deleteIncident = defineVerb('incident.delete', 'incident.delete', IncidentDelete, (ctx, d) => incidents.deleteIncident(ctx.db, d.incident_id, ctx.actor, ctx.now));

export const editIncident = defineVerb('incident.edit', 'incident.edit', IncidentEdit, (ctx, d) =>
  incidents.editIncident(ctx.db, d.incident_id, { title: d.name, impact: d.impact, components: d.components }, ctx.actor, ctx.now),
);
