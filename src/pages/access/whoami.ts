/** Who the viewer is on ?page= (a signed-in browser); anonymous visitors are sent to the sign-in page. */
import type { APIRoute } from 'astro';
import { whoami } from '../../server/viewer-access/whoami';

export const GET: APIRoute = ({ request, locals }) => whoami(request, locals.ctx);
