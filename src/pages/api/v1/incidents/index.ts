import type { APIRoute } from 'astro';
import { incidentCreateShape } from '../../../../server/features/incidents/schemas';
import { createIncident } from '../../../../server/features/incidents/verbs';
import { getIncidentForOperator } from '../../../../server/features/incidents/queries';
import { json } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { incidentJson } from '../../../../server/http/api-views';

const KEYS = Object.keys(incidentCreateShape(0).shape);

export const POST: APIRoute = async ({ request, locals: { ctx } }) => {
  try {
    const i = createIncident(ctx, await readJsonObject(request, KEYS));
    return json(incidentJson(getIncidentForOperator(ctx, i.id), i.draft), 201, { location: `/api/v1/incidents/${i.id}` });
  } catch (err) {
    return toJsonError(err);
  }
};
