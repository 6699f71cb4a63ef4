import type { APIRoute } from 'astro';
import { jsonError } from '../server/http/api-response';
import { toJsonError } from '../server/http/error-adapters';
import { getSettings } from '../server/queries/settings';
import { getSlaReport, resolveMonth, slaCsv } from '../server/services/sla';

/** The month's SLA figures as CSV (one row per component). */
export const GET: APIRoute = ({ url, locals }) => {
  const db = locals.ctx.db;
  const settings = getSettings(db);
  if (!settings.slaPublic) return jsonError(404, 'not_found', 'The SLA report is not public.');
  try {
    const month = resolveMonth(url.searchParams.get('month'), locals.now, settings.slaTimeZone);
    return new Response(slaCsv(getSlaReport(db, month, locals.now, { page: locals.page })), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="sla-${month}.csv"` },
    });
  } catch (e) {
    return toJsonError(e);
  }
};
