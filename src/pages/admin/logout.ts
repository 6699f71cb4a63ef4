import type { APIRoute } from 'astro';
import { signOut } from '../../server/features/sessions/verbs';
import { clearSessionCookie } from '../../server/http/admin-page';

/** Signs out this session, or with everywhere=1 every session of the user; the cookie goes either way. */
export const POST: APIRoute = async ({ locals: { ctx, sessionId }, request, cookies, redirect }) => {
  const fd = await request.formData().catch(() => new FormData());
  try {
    signOut(ctx, { everywhere: fd.get('everywhere') === '1', session_id: sessionId });
  } finally {
    clearSessionCookie(cookies);
  }
  return redirect('/admin/login', 303);
};
