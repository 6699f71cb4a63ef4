import type { APIRoute } from 'astro';
import { loadFeed } from '../server/feeds/load';
import { feedResponse, JSON_FEED_TYPE, renderJsonFeed } from '../server/feeds/render';

export const GET: APIRoute = async ({ locals }) => {
  const feed = (await loadFeed(locals.ctx.db, locals.now, locals.page))!;
  return feedResponse(renderJsonFeed(feed, '/feed.json'), JSON_FEED_TYPE);
};
