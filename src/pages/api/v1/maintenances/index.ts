import type { APIRoute } from 'astro';
import { MaintenanceCreate } from '../../../../server/features/maintenance/schemas';
import { createMaintenance } from '../../../../server/features/maintenance/verbs';
import { json } from '../../../../server/http/api-response';
import { toJsonError } from '../../../../server/http/error-adapters';
import { readJsonObject } from '../../../../server/http/api-input';
import { loadMaintenances } from '../../../../server/queries/public';
import { maintenanceJson } from '../../../../server/http/api-views';

const KEYS = Object.keys(MaintenanceCreate.shape);

export const POST: APIRoute = async ({ request, locals: { ctx } }) => {
  try {
    const m = createMaintenance(ctx, await readJsonObject(request, KEYS));
    return json(maintenanceJson(loadMaintenances(ctx.db, [m])[0]), 201);
  } catch (err) {
    return toJsonError(err);
  }
};
