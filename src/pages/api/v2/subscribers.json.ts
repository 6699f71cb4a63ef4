import type { APIRoute } from 'astro';
import { methodNotAllowed } from '../../../server/http/api-response';
import { publicSubscribe } from '../../../server/statuspage-api/public-subscribe';

/** Statuspage's public subscribe call: a confirmation e-mail is sent (double opt-in). */
export const POST: APIRoute = ({ request, locals }) => publicSubscribe(locals.ctx, request);
export const ALL: APIRoute = methodNotAllowed;
