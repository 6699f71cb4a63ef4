import type { APIRoute } from 'astro';
import { previewMarkdown } from '../../server/markdown-preview';
import { readForm } from '../../server/http/admin-page';

/** Renders markdown for the live preview (sanitised exactly as on the public page), bounded and rationed per operator. */
export const POST: APIRoute = async ({ request, locals }) => {
  const raw = (await readForm(request)).get('markdown');
  const markdown = typeof raw === 'string' ? raw : ''; // a file posted as `markdown` is not text
  const answer = previewMarkdown(locals.user ? `user:${locals.user.id}` : `ip:${locals.ip}`, markdown, locals.now);
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  if (answer.retryAfterSeconds) headers['retry-after'] = String(answer.retryAfterSeconds);
  return new Response(answer.html, { status: answer.status, headers });
};
