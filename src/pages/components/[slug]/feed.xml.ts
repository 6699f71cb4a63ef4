import type { APIRoute } from 'astro';
import { loadFeed } from '../../../server/feeds/load';
import { feedResponse, renderRss, RSS_TYPE } from '../../../server/feeds/render';

export const GET: APIRoute = async ({ params, locals }) => {
  const feed = await loadFeed(locals.ctx.db, locals.now, locals.page, params.slug ?? '');
  if (!feed) return new Response('No such component.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return feedResponse(renderRss(feed, `${feed.siteUrl}/components/${params.slug}/feed.xml`), RSS_TYPE);
};
