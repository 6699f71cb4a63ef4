import type { APIRoute } from 'astro';
import { json, methodNotAllowed } from '../../../server/http/api-response';
import { loadSpContext, spIncidents } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => {
  const db = locals.ctx.db;
  const ctx = loadSpContext(db, locals.now, locals.page);
  return json({ page: ctx.page, incidents: spIncidents(db, ctx, 'recent') });
};
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
