import type { APIRoute } from 'astro';
import { loadFeed } from '../../../server/feeds/load';
import { ATOM_TYPE, feedResponse, renderAtom } from '../../../server/feeds/render';

export const GET: APIRoute = async ({ params, locals }) => {
  const feed = await loadFeed(locals.ctx.db, locals.now, locals.page, params.slug ?? '');
  if (!feed) return new Response('No such component.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return feedResponse(renderAtom(feed, `/components/${params.slug}/feed.atom`), ATOM_TYPE);
};
