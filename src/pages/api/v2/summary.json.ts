import type { APIRoute } from 'astro';
import { getDb } from '../../../server/db';
import { json, methodNotAllowed } from '../../../server/http/api-response';
import { spSummary } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => json(spSummary(getDb(), locals.now));
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
