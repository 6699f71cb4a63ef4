import type { APIRoute } from 'astro';
import { getConfig } from '../server/config';
import { metricsAccess, renderMetrics } from '../server/metrics/metrics';

export const GET: APIRoute = async ({ request, locals }) => {
  const { ctx } = locals;
  const denied = metricsAccess(getConfig().metrics, request.headers.get('authorization'));
  if (denied === 404) return new Response('Not found.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (denied === 401) return new Response('Send the metrics token as "Authorization: Bearer <token>".', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' } });
  const m = await renderMetrics(ctx.db, ctx.now, locals.page);
  return new Response(m.body, { headers: { 'content-type': m.contentType, 'cache-control': 'no-store' } });
};
