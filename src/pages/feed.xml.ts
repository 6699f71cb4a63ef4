import type { APIRoute } from 'astro';
import { loadFeed } from '../server/feeds/load';
import { feedResponse, renderRss, RSS_TYPE } from '../server/feeds/render';

export const GET: APIRoute = async ({ locals }) => {
  const feed = (await loadFeed(locals.ctx.db, locals.now, locals.page))!;
  return feedResponse(renderRss(feed, `${feed.siteUrl}/feed.xml`), RSS_TYPE);
};
