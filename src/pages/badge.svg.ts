import type { APIRoute } from 'astro';
import { parseUptimeParam } from '../domain/badge';
import { pageBadge, svgResponse } from '../server/feeds/badge';

export const GET: APIRoute = ({ url, locals }) => svgResponse(pageBadge(locals.ctx.db, locals.now, locals.page, parseUptimeParam(url.searchParams.get('uptime'))));
