import type { APIRoute } from 'astro';
import { NotFoundError } from '../../../../../server/errors';
import { getIncidentForOperator, getIncidentRow } from '../../../../../server/features/incidents/queries';
import { errorResponse, json } from '../../../../../server/http/api-response';
import { idParam } from '../../../../../server/http/api-input';
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
