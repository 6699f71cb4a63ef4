import type { APIRoute } from 'astro';
import { json, jsonError } from '../../server/http/api-response';
import { toJsonError } from '../../server/http/error-adapters';
import { getSettings } from '../../server/queries/settings';
import { exportCorrection, exportRow, getSlaReport, resolveMonth } from '../../server/services/sla';

/** The month's SLA figures per component (same fields as the CSV) and the corrections of a closed month. */
export const GET: APIRoute = ({ url, locals }) => {
  const db = locals.ctx.db;
  const settings = getSettings(db);
  if (!settings.slaPublic) return jsonError(404, 'not_found', 'The SLA report is not public.');
  try {
    const month = resolveMonth(url.searchParams.get('month'), locals.now, settings.slaTimeZone);
    const report = getSlaReport(db, month, locals.now, { page: locals.page });
    return json({ month, time_zone: report.timeZone, partial: report.partial, components: report.rows.map(exportRow), corrections: report.corrections.map(exportCorrection) });
  } catch (e) {
    return toJsonError(e);
  }
};
