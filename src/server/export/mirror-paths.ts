/**
 * Which URLs a static mirror holds and where each lives on disk, so any static host answers the same URL
 * (`/incidents/12` → `incidents/12/index.html`). Query variants, which static hosts cannot route, get a path
 * of their own (`/history?page=2` → `/history/page/2/`) and links to them are rewritten in the exported HTML.
 */
import { monthOf, shiftMonth } from '../../domain/sla';
import type { ExportTargets } from '../queries/export-targets';

export const MANIFEST = 'mirror.json';
export const NOT_FOUND_FILE = '404.html';

const FIXED = [
  '/', '/history', '/maintenance', '/sla', '/sla.csv', '/api/sla.json', '/feed.xml', '/feed.atom', '/history.rss',
  '/history.atom', '/maintenance.ics', '/badge.svg', '/api/v2/summary.json', '/api/v2/status.json',
  '/api/v2/components.json', '/api/v2/incidents.json', '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json', '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
];

/** At most this many SLA months back (a component started in 1970 must not mean 600 pages). */
const MAX_SLA_MONTHS = 36;

/** Every URL of the mirror except history pages beyond the first (their count is known only after rendering). */
export function exportUrls(t: ExportTargets, now: number, slaTimeZone: string): string[] {
  const urls = [...FIXED];
  for (const id of t.incidentIds) urls.push(`/incidents/${id}`);
  for (const slug of t.componentSlugs) {
    const s = encodeURIComponent(slug);
    urls.push(`/components/${s}`, `/components/${s}/feed.xml`, `/components/${s}/badge.svg`);
  }
  if (t.firstStart !== null) {
    const first = monthOf(Math.min(t.firstStart, now), slaTimeZone);
    let m = monthOf(now, slaTimeZone);
    for (let i = 0; i < MAX_SLA_MONTHS && m >= first; i++, m = shiftMonth(m, -1)) {
      urls.push(`/sla?month=${m}`, `/sla.csv?month=${m}`, `/api/sla.json?month=${m}`);
    }
  }
  return urls;
}

/** The URL a query variant has on the mirror, or the URL itself when it needs none; null when the mirror cannot hold it. */
export function mirrorUrl(url: string): string | null {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  const params = new URLSearchParams(url.slice(q + 1));
  const keys = [...params.keys()];
  const page = params.get('page');
  if (path === '/history' && keys.length === 1 && page && /^\d{1,6}$/.test(page)) return page === '1' ? '/history' : `/history/page/${page}/`;
  const month = params.get('month');
  if (keys.length !== 1 || !month || !/^\d{4}-\d{2}$/.test(month)) return null;
  if (path === '/sla') return `/sla/${month}/`;
  if (path === '/sla.csv') return `/sla/${month}.csv`;
  if (path === '/api/sla.json') return `/api/sla/${month}.json`;
  return null;
}

/** The file (relative, `/`-separated) holding a mirror URL: pages become `<path>/index.html`. */
export function fileFor(url: string, contentType: string): string {
  const path = decodeURIComponent(mirrorUrl(url) ?? url).replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return contentType.startsWith('text/html') ? `${path}/index.html` : path;
}

/** Rewrites `href="…"` attributes that name a query variant to its mirror URL. */
export function rewriteLinks(html: string): string {
  return html.replace(/href="(\/[^"?]*\?[^"]*)"/g, (whole, href: string) => {
    const target = mirrorUrl(href.replaceAll('&amp;', '&'));
    return target && target !== href ? `href="${target}"` : whole;
  });
}
