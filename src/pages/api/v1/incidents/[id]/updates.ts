import type { APIRoute } from 'astro';
import { actorOf, requireAction } from '../../../../../server/auth/permissions';
import { getDb } from '../../../../../server/db';
import { NotFoundError } from '../../../../../server/errors';
import { errorResponse, json } from '../../../../../server/http/api-response';
import { idParam, readJson } from '../../../../../server/http/api-input';
import { incidentUpdateBody } from '../../../../../server/http/api-schemas';
import { incidentJson } from '../../../../../server/http/api-views';
import { getIncident } from '../../../../../server/queries/public';
import { postUpdate, requireIncident } from '../../../../../server/services/incidents';

export const POST: APIRoute = async ({ params, request, locals }) => {
  try {
    requireAction(locals, 'incident.update');
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    const db = getDb();
    requireIncident(db, id);
    const now = Date.now();
    const b = await readJson(request, incidentUpdateBody(now));
    const u = postUpdate(db, id, { status: b.status, body: b.body, components: b.components, displayAt: b.display_at, formToken: b.idempotency_key }, actorOf(locals, locals.ip), now);
    const incident = incidentJson(getIncident(db, id, { includeDrafts: true })!);
    return json({ ...incident.incident_updates.find((x) => x.id === u.id), incident }, 201);
  } catch (err) {
    return errorResponse(err);
  }
};
