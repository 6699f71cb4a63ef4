import type { APIRoute } from 'astro';
import { loadFeed } from '../server/feeds/load';
import { ATOM_TYPE, feedResponse, renderAtom } from '../server/feeds/render';

export const GET: APIRoute = async ({ locals }) => {
  const feed = (await loadFeed(locals.ctx.db, locals.now, locals.page))!;
  return feedResponse(renderAtom(feed, "/feed.atom"), ATOM_TYPE);
};
