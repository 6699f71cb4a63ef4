import type { APIRoute } from 'astro';
import { renderMarkdown } from '../../server/markdown';
import { readForm } from '../../server/http/admin-page';

/** Renders markdown for the live preview (sanitised exactly as on the public page). */
export const POST: APIRoute = async ({ request }) => {
  const markdown = (await readForm(request)).get('markdown');
  const body = (typeof markdown === 'string' ? markdown : '').slice(0, 100_000);
  return new Response(renderMarkdown(body), { headers: { 'content-type': 'text/html; charset=utf-8' } });
};
