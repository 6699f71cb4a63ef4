/** Feed documents from one item model: RSS 2.0 through `rss`, Atom 1.0 and JSON Feed 1.1 through `feed`. */
import { Feed } from 'feed';
import RSS from 'rss';
import { escapeXml, tagId } from '../../domain/feed-items';
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

/** `selfPath` names the feed (`/feed.atom`): its id is a tag: URI of that path, independent of SITE_URL. */
function toFeed(f: FeedData, selfPath: string, links: { atom?: string; json?: string }): Feed {
  const feed = new Feed({
    id: tagId(f.tagAuthority, `Feed${selfPath}`),
    title: f.title,
    description: f.description,
    link: f.pageUrl,
    updated: new Date(lastChange(f)),
    generator: 'statuspage',
    author: { name: f.title },
    copyright: f.title,
    feedLinks: links,
  });
  for (const i of f.items) {
    feed.addItem({ id: i.guid, title: i.title, link: i.link, date: new Date(i.updated), published: new Date(i.date), content: i.html });
  }
  return feed;
}

/**
 * Entry titles are plain text (`type="text"`): `feed` marks them `type="html"`, which would make a title such as
 * `<img src=x onerror=…>` markup in feed readers. Each title goes in as a one-off placeholder and comes out escaped.
 */
export function renderAtom(f: FeedData, selfPath: string): string {
  const nonce = crypto.randomUUID();
  const placeholder = (n: number) => `<title type="html"><![CDATA[atom-title-${nonce}-${n}]]></title>`;
  const atom = toFeed({ ...f, items: f.items.map((i, n) => ({ ...i, title: `atom-title-${nonce}-${n}` })) }, selfPath, { atom: `${f.siteUrl}${selfPath}` }).atom1();
  return f.items.reduce((doc, i, n) => doc.replace(placeholder(n), () => `<title type="text">${escapeXml(i.title)}</title>`), atom);
}

/** JSON Feed: `feed` writes version 1 fields, all of which 1.1 keeps, so only the version URL changes. */
export function renderJsonFeed(f: FeedData, selfPath: string): string {
  const doc = JSON.parse(toFeed(f, selfPath, { json: `${f.siteUrl}${selfPath}` }).json1()) as Record<string, unknown>;
  return JSON.stringify({ ...doc, version: 'https://jsonfeed.org/version/1.1', language: 'en' }, null, 2);
}

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
export const JSON_FEED_TYPE = 'application/feed+json; charset=utf-8';

export function feedResponse(body: string, type: string): Response {
  return new Response(body, { headers: { 'content-type': type } });
}
