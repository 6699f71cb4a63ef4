import type { APIRoute } from 'astro';
import { getDb } from '../server/db';
import { loadFeed } from '../server/feeds/load';
import { feedResponse, renderRss, RSS_TYPE } from '../server/feeds/render';

export const GET: APIRoute = async ({ locals }) => {
  const feed = (await loadFeed(getDb(), locals.now))!;
  return feedResponse(renderRss(feed, `${feed.siteUrl}/feed.xml`), RSS_TYPE);
};
