import type { APIRoute } from 'astro';
import { parseUptimeParam } from '../../../domain/badge';
import { componentBadge, renderBadge, svgResponse } from '../../../server/feeds/badge';

export const GET: APIRoute = ({ params, url, locals }) => {
  const svg = componentBadge(locals.ctx.db, params.slug ?? '', locals.now, locals.page, parseUptimeParam(url.searchParams.get('uptime')));
  return svg ? svgResponse(svg) : svgResponse(renderBadge('status', 'unknown component', 'maintenance'), 404);
};
