import type { APIRoute } from 'astro';
import { actorOf, requireAction } from '../../../../../server/auth/permissions';
import { getDb } from '../../../../../server/db';
import { NotFoundError } from '../../../../../server/errors';
import { errorResponse, json } from '../../../../../server/http/api-response';
import { idParam, readJson } from '../../../../../server/http/api-input';
import { incidentPatchBody } from '../../../../../server/http/api-schemas';
import { incidentJson } from '../../../../../server/http/api-views';
import { getIncident } from '../../../../../server/queries/public';
import { requireIncident, setSlaExclusion } from '../../../../../server/services/incidents';

export const GET: APIRoute = ({ params }) => {
  try {
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    const db = getDb();
    const row = requireIncident(db, id);
    return json(incidentJson(getIncident(db, id, { includeDrafts: true })!, row.draft));
  } catch (err) {
    return errorResponse(err);
  }
};

/** SLA exclusion of an incident (audited; invalidates the frozen months it touches). */
export const PATCH: APIRoute = async ({ params, request, locals }) => {
  try {
    requireAction(locals, 'incident.sla_exclusion');
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    const b = await readJson(request, incidentPatchBody);
    const db = getDb();
    const row = setSlaExclusion(db, id, b.excluded_from_sla, b.exclusion_reason ?? null, actorOf(locals, locals.ip), Date.now());
    return json(incidentJson(getIncident(db, id, { includeDrafts: true })!, row.draft));
  } catch (err) {
    return errorResponse(err);
  }
};
