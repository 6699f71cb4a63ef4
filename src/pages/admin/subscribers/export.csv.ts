import type { APIRoute } from 'astro';
import { exportSubscribers } from '../../../server/features/subscribers/queries';

/** Every subscriber as CSV (admins only: the addresses are personal data). */
export const GET: APIRoute = ({ locals }) =>
  new Response(exportSubscribers(locals.ctx), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="subscribers.csv"', 'cache-control': 'private, no-store' } });
