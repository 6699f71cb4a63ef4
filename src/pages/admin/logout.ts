import type { APIRoute } from 'astro';
import { deleteSession, deleteUserSessions } from '../../server/auth/sessions';
import { getDb } from '../../server/db';
import { clearSessionCookie, readForm } from '../../server/http/admin-page';
import { recordAudit } from '../../server/services/journal';

/** Signs out this session, or with everywhere=1 every session of the user. */
export const POST: APIRoute = async ({ locals, request, cookies, redirect }) => {
  // Signing out is harmless to accept from any body (a bare POST included).
  const fd = await readForm(request).catch(() => new FormData());
  const db = getDb();
  if (locals.user && fd.get('everywhere') === '1') {
    deleteUserSessions(db, locals.user.id);
    recordAudit(db, Date.now(), { type: 'user', name: locals.user.email, ip: locals.ip }, 'user.logout_everywhere', 'user', locals.user.id);
  } else if (locals.sessionId) deleteSession(db, locals.sessionId);
  clearSessionCookie(cookies);
  return redirect('/admin/login', 303);
};
