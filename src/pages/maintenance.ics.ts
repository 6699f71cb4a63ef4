import type { APIRoute } from 'astro';
import { renderMaintenanceCalendar } from '../server/feeds/ical';

export const GET: APIRoute = ({ locals }) =>
  new Response(renderMaintenanceCalendar(locals.ctx.db, locals.now, locals.page), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
