import type { APIRoute } from 'astro';
import { getDb } from '../../../server/db';
import { json, methodNotAllowed } from '../../../server/http/api-response';
import { loadSpContext, spStatus } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => {
  const db = getDb();
  return json({ page: loadSpContext(db, locals.now).page, status: spStatus(db) });
};
export const HEAD = GET;
export const ALL: APIRoute = methodNotAllowed;
