import type { APIRoute } from 'astro';
import { actorOf, requireAction } from '../../../../server/auth/permissions';
import { getDb } from '../../../../server/db';
import { errorResponse, json } from '../../../../server/http/api-response';
import { readJson } from '../../../../server/http/api-input';
import { incidentCreateBody } from '../../../../server/http/api-schemas';
import { incidentJson } from '../../../../server/http/api-views';
import { getIncident } from '../../../../server/queries/public';
import { createIncident } from '../../../../server/services/incidents';

export const POST: APIRoute = async ({ request, locals }) => {
  try {
    requireAction(locals, 'incident.create');
    const now = Date.now();
    const b = await readJson(request, incidentCreateBody(now));
    const db = getDb();
    const i = createIncident(
      db,
      { title: b.name, status: b.status, impact: b.impact, body: b.body, components: b.components, startedAt: b.started_at, displayAt: b.display_at, draft: b.draft, formToken: b.idempotency_key },
      actorOf(locals, locals.ip),
      now,
    );
    return json(incidentJson(getIncident(db, i.id, { includeDrafts: true })!, i.draft), 201, { location: `/api/v1/incidents/${i.id}` });
  } catch (err) {
    return errorResponse(err);
  }
};
