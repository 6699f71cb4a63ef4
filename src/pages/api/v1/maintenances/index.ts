import type { APIRoute } from 'astro';
import { actorOf, requireAction } from '../../../../server/auth/permissions';
import { getDb } from '../../../../server/db';
import { errorResponse, json } from '../../../../server/http/api-response';
import { readJson } from '../../../../server/http/api-input';
import { maintenanceCreateBody } from '../../../../server/http/api-schemas';
import { loadMaintenances } from '../../../../server/queries/public';
import { createMaintenance } from '../../../../server/services/maintenance';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const POST: APIRoute = async ({ request, locals }) => {
  try {
    requireAction(locals, 'maintenance.create');
    const b = await readJson(request, maintenanceCreateBody);
    const db = getDb();
    const m = createMaintenance(db, { title: b.name, body: b.body, scheduledFor: b.scheduled_for, scheduledUntil: b.scheduled_until, components: b.components, notify: b.notify }, actorOf(locals, locals.ip), Date.now());
    const v = loadMaintenances(db, [m])[0];
    return json(
      { id: v.id, name: v.title, body: v.body, status: v.status, scheduled_for: iso(v.scheduledFor), scheduled_until: iso(v.scheduledUntil), started_at: iso(v.startedAt), completed_at: iso(v.completedAt), components: v.components },
      201,
    );
  } catch (err) {
    return errorResponse(err);
  }
};
