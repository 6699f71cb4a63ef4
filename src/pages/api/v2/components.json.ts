import type { APIRoute } from 'astro';
import { json, methodNotAllowed } from '../../../server/http/api-response';
import { loadSpContext } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => {
  const { page, components } = loadSpContext(locals.ctx.db, locals.now, locals.page);
  return json({ page, components });
};
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
