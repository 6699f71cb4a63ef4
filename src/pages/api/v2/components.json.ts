import type { APIRoute } from 'astro';
import { getDb } from '../../../server/db';
import { json } from '../../../server/http/api-response';
import { loadSpContext } from '../../../server/queries/statuspage';

export const GET: APIRoute = ({ locals }) => {
  const { page, components } = loadSpContext(getDb(), locals.now);
  return json({ page, components });
};
