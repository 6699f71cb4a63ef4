import type { APIRoute } from 'astro';
import { jsonError } from '../../../server/http/api-response';

/** Unknown /api/v2 paths answer JSON, not the HTML 404 page. */
export const ALL: APIRoute = ({ params }) => jsonError(404, 'not_found', `No API resource at /api/v2/${params.path ?? ''}.`);
