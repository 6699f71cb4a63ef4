import type { APIRoute } from 'astro';
import { getDb } from '../../../../../server/db';
import { NotFoundError } from '../../../../../server/errors';
import { errorResponse, json } from '../../../../../server/http/api-response';
import { idParam } from '../../../../../server/http/api-input';
import { incidentJson } from '../../../../../server/http/api-views';
import { getIncident } from '../../../../../server/queries/public';
import { requireIncident } from '../../../../../server/services/incidents';

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
