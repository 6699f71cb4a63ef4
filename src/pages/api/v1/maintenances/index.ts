import type { APIRoute } from 'astro';
import { MaintenanceCreate } from '../../../../server/features/maintenance/schemas';
import { createMaintenance } from '../../../../server/features/maintenance/verbs';
import { json } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { loadMaintenances } from '../../../../server/queries/public';

const KEYS = Object.keys(MaintenanceCreate.shape);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const POST: APIRoute = async ({ request, locals: { ctx } }) => {
  try {
    const m = createMaintenance(ctx, await readJsonObject(request, KEYS));
    const v = loadMaintenances(ctx.db, [m])[0];
    return json(
      { id: v.id, name: v.title, body: v.body, status: v.status, scheduled_for: iso(v.scheduledFor), scheduled_until: iso(v.scheduledUntil), started_at: iso(v.startedAt), completed_at: iso(v.completedAt), components: v.components },
      201,
    );
  } catch (err) {
    return toJsonError(err);
  }
};
