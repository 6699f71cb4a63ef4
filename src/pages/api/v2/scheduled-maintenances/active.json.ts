import type { APIRoute } from 'astro';
import { getDb } from '../../../../server/db';
import { json, methodNotAllowed } from '../../../../server/http/api-response';
import { loadSpContext, spMaintenances } from '../../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => {
  const db = getDb();
  const ctx = loadSpContext(db, locals.now);
  return json({ page: ctx.page, scheduled_maintenances: spMaintenances(db, ctx, 'active') });
};
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
