import type { APIRoute } from 'astro';
import { NotFoundError, ValidationError } from '../../../../../server/errors';
import { getIncidentForOperator, getIncidentRow } from '../../../../../server/features/incidents/queries';
import { errorResponse, json } from '../../../../../server/http/api-response';
import { idParam, readJsonObject } from '../../../../../server/http/api-input';
import { setIncidentSlaExclusion } from '../../../../../server/features/incidents/verbs';
import { incidentJson } from '../../../../../server/http/api-views';

export const GET: APIRoute = ({ params, locals: { ctx } }) => {
  try {
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    return json(incidentJson(getIncidentForOperator(ctx, id), getIncidentRow(ctx, id).draft));
  } catch (err) {
    return errorResponse(err);
  }
};

/** SLA exclusion of an incident (audited; invalidates the frozen months it touches). */
export const PATCH: APIRoute = async ({ params, request, locals: { ctx } }) => {
  try {
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    const body = await readJsonObject(request, ['excluded_from_sla', 'exclusion_reason']);
    if (typeof body.excluded_from_sla !== 'boolean') throw new ValidationError('The request is invalid.', { excluded_from_sla: 'Send true or false.' });
    const row = setIncidentSlaExclusion(ctx, { ...body, incident_id: id });
    return json(incidentJson(getIncidentForOperator(ctx, id), row.draft));
  } catch (err) {
    return errorResponse(err);
  }
};
