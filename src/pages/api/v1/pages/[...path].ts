import type { APIRoute } from 'astro';
import { statuspageApi } from '../../../../server/statuspage-api/router';

/** Statuspage's management API: /api/v1/pages/{page_id}/… (see docs/api.md, "Moving from Statuspage"). */
export const ALL: APIRoute = ({ params, request, locals: { ctx } }) => statuspageApi(ctx, request, params.path);
