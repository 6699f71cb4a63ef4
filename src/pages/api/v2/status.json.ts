import type { APIRoute } from 'astro';
import { json, methodNotAllowed } from '../../../server/http/api-response';
import { loadSpContext, spStatus } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => {
  const db = locals.ctx.db;
  return json({ page: loadSpContext(db, locals.now, locals.page).page, status: spStatus(db, locals.page) });
};
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
