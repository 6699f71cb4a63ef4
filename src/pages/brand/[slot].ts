import type { APIRoute } from 'astro';
import { brandAssetResponse } from '../../server/http/brand-responses';

export const GET: APIRoute = ({ request, url, params, locals }) => brandAssetResponse(locals.ctx.db, request, url, params.slot);
