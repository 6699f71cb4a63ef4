import type { APIRoute } from 'astro';
import { statuspageApi } from '../../../server/statuspage-api/router';

/** Statuspage's `GET /v1/pages.json`: the pages this key manages (the `.json` spelling of /api/v1/pages). */
export const GET: APIRoute = ({ request, locals: { ctx } }) => statuspageApi(ctx, request, '');
export const ALL = GET;
