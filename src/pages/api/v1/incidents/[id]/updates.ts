import type { APIRoute } from 'astro';
import { NotFoundError } from '../../../../../server/errors';
import { getIncidentForOperator } from '../../../../../server/features/incidents/queries';
import { incidentUpdateShape } from '../../../../../server/features/incidents/schemas';
import { postIncidentUpdate } from '../../../../../server/features/incidents/verbs';
import { json } from '../../../../../server/http/api-response';
import { toJsonError } from '../../../../../server/http/error-adapters';
import { idParam, readJsonObject } from '../../../../../server/http/api-input';
import { incidentJson } from '../../../../../server/http/api-views';

const KEYS = Object.keys(incidentUpdateShape(0).shape).filter((k) => k !== 'incident_id');

export const POST: APIRoute = async ({ params, request, locals: { ctx } }) => {
  try {
    const id = idParam(params.id);
    if (id === null) throw new NotFoundError('No such incident.');
    getIncidentForOperator(ctx, id);
    const u = postIncidentUpdate(ctx, { ...(await readJsonObject(request, KEYS)), incident_id: id });
    const incident = incidentJson(getIncidentForOperator(ctx, id));
    return json({ ...incident.incident_updates.find((x) => x.id === u.id), incident }, 201);
  } catch (err) {
    return toJsonError(err);
  }
};
