import type { APIRoute } from 'astro';
import { json, methodNotAllowed } from '../../../server/http/api-response';
import { spSummary } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => json(spSummary(locals.ctx.db, locals.now, locals.page));
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
