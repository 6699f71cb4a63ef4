import type { APIRoute } from 'astro';
import { json } from '../../server/http/api-response';
import { toJsonError } from '../../server/http/error-adapters';
import { getSettings } from '../../server/queries/settings';
import { getResponseReport, resolveMonth, responseTimesJson } from '../../server/services/sla';

/** Incident response metrics by severity for a month (operators only: the guard requires a session or API key). */
export const GET: APIRoute = ({ url, locals }) => {
  const db = locals.ctx.db;
  try {
    const month = resolveMonth(url.searchParams.get('month'), locals.now, getSettings(db).slaTimeZone);
    return json(responseTimesJson(getResponseReport(db, month, locals.now)));
  } catch (e) {
    return toJsonError(e);
  }
};
