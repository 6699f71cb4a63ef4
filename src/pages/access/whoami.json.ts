/** Who the viewer is on ?page=, as a feed or API client sees it: a viewer token (?token=) or 401. */
import type { APIRoute } from 'astro';
import { whoami } from '../../server/viewer-access/whoami';

export const GET: APIRoute = ({ request, locals }) => whoami(request, locals.ctx);
