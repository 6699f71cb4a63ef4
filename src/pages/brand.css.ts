import type { APIRoute } from 'astro';
import { brandCssResponse } from '../server/http/brand-responses';

export const GET: APIRoute = ({ request, url, locals }) => brandCssResponse(locals.ctx.db, request, url);
