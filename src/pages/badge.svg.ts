import type { APIRoute } from 'astro';
import { parseUptimeParam } from '../domain/badge';
import { getDb } from '../server/db';
import { pageBadge, svgResponse } from '../server/feeds/badge';

export const GET: APIRoute = ({ url, locals }) => svgResponse(pageBadge(getDb(), locals.now, parseUptimeParam(url.searchParams.get('uptime'))));
