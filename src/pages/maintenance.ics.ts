import type { APIRoute } from 'astro';
import { getDb } from '../server/db';
import { renderMaintenanceCalendar } from '../server/feeds/ical';

export const GET: APIRoute = ({ locals }) =>
  new Response(renderMaintenanceCalendar(getDb(), locals.now), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
