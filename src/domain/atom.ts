/** A small Atom 1.0 writer: every text and attribute goes through escapeXml; HTML content is escaped (type="html"). */
import { escapeXml, type FeedItem } from './feed-items';

export interface AtomFeed {
  id: string;
  title: string;
  /** The HTML page this feed mirrors. */
  link: string;
  /** This feed's own URL. */
  self: string;
  items: FeedItem[];
  /** Used when there are no items (stable: e.g. the page's creation or last change). */
  fallbackUpdated: number;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString();

/** Serialises the feed to an Atom 1.0 document. */
export function writeAtom(f: AtomFeed): string {
  const updated = f.items.length ? Math.max(...f.items.map((i) => i.updated)) : f.fallbackUpdated;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(f.id)}</id>`,
    `  <title>${escapeXml(f.title)}</title>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(f.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(f.self)}"/>`,
    `  <author><name>${escapeXml(f.title)}</name></author>`,
  ];
  for (const i of f.items) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(i.guid)}</id>`,
      `    <title type="text">${escapeXml(i.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(i.link)}"/>`,
      `    <published>${rfc3339(i.date)}</published>`,
      `    <updated>${rfc3339(i.updated)}</updated>`,
      `    <content type="html">${escapeXml(i.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
