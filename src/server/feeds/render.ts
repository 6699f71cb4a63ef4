/** Feed documents: RSS 2.0 through the `rss` package, Atom 1.0 through domain/atom. */
import RSS from 'rss';
import { writeAtom } from '../../domain/atom';
import type { FeedData } from './load';

const lastChange = (f: FeedData) => (f.items.length ? Math.max(...f.items.map((i) => i.updated)) : f.fallbackDate);

/** RSS 2.0 with RFC 822 dates; descriptions are sanitised HTML in CDATA. */
export function renderRss(f: FeedData, selfUrl: string): string {
  const date = new Date(lastChange(f));
  const feed = new RSS({ title: f.title, description: f.description, site_url: f.pageUrl, feed_url: selfUrl, pubDate: date, ttl: 5, generator: 'statuspage' });
  for (const i of f.items) feed.item({ title: i.title, description: i.html, url: i.link, guid: i.guid, date: new Date(i.date) });
  // `rss` always stamps lastBuildDate with the clock; a stable date keeps the body (and its ETag) unchanged until content changes
  return feed.xml().replace(/<lastBuildDate>[^<]*<\/lastBuildDate>/, `<lastBuildDate>${date.toUTCString()}</lastBuildDate>`);
}

export function renderAtom(f: FeedData, selfUrl: string): string {
  return writeAtom({ id: selfUrl, title: f.title, link: f.pageUrl, self: selfUrl, items: f.items, fallbackUpdated: f.fallbackDate });
}

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

export function feedResponse(body: string, type: string): Response {
  return new Response(body, { headers: { 'content-type': type } });
}
