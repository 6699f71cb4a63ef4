/** Ends the viewer's session on this browser. */
import type { APIRoute } from 'astro';
import { assertSameOrigin } from '../../server/features/subscribers/origin';
import { clearViewerCookie, readViewerCookie } from '../../server/viewer-access/http';
import { deleteViewerSession } from '../../server/viewer-access/sessions';

export const POST: APIRoute = ({ request, locals, cookies, redirect }) => {
  assertSameOrigin(request);
  deleteViewerSession(locals.ctx.db, readViewerCookie(cookies));
  clearViewerCookie(cookies);
  return redirect('/', 303);
};
