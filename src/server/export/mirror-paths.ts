/**
 * Which URLs a static mirror holds and where each lives on disk, so any static host answers the same URL
 * (`/incidents/12` → `incidents/12/index.html`). Query variants, which static hosts cannot route, get a path
 * of their own (`/history?page=2` → `/history/page/2/`, `/history?component=api` → `/history/component/api/`)
 * and links to them are rewritten in the exported HTML. `/subscribe` is the page's mirror copy, which sends visitors
 * to the origin; any other link the mirror cannot hold (an SLA month past the cap) goes to the origin, not to a 404.
 */
import type { BrandSlot } from '../../domain/brand';
import { isSlug } from '../../domain/slug';
import { firstReportMonth, monthOf, shiftMonth } from '../../domain/sla';
import { historyUrl } from '../http/public-paths';
import type { ExportTargets } from '../queries/export-targets';

export const MANIFEST = 'mirror.json';
export const NOT_FOUND_FILE = '404.html';

const FIXED = [
  '/', '/history', '/maintenance', '/sla', '/sla.csv', '/api/sla.json', '/feed.xml', '/feed.atom', '/feed.json',
  '/history.rss', '/history.atom', '/maintenance.ics', '/badge.svg', '/brand.css', '/subscribe', '/api/v2/summary.json',
  '/api/v2/status.json', '/api/v2/components.json', '/api/v2/incidents.json', '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json', '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
];

/** At most this many SLA months back (a component started in 1970 must not mean 600 pages). */
const MAX_SLA_MONTHS = 36;

/** The brand images' extensions on the mirror (static hosts choose the type by extension). */
export type BrandFiles = ExportTargets['brand'];

/** Every URL of the mirror except history pages beyond the first (their count is known only after rendering). */
export function exportUrls(t: ExportTargets, now: number, slaTimeZone: string): string[] {
  const urls = [...FIXED];
  for (const id of t.incidentIds) urls.push(`/incidents/${id}`);
  for (const id of t.maintenanceIds) urls.push(`/maintenance/${id}`);
  for (const slug of t.componentSlugs) {
    const s = encodeURIComponent(slug);
    urls.push(`/components/${s}`, `/components/${s}/feed.xml`, `/components/${s}/feed.atom`, `/components/${s}/badge.svg`, historyUrl(slug, 1));
  }
  for (const slot of Object.keys(t.brand)) urls.push(`/brand/${slot}`);
  const first = firstReportMonth(t.firstStart === null ? [] : [t.firstStart], now, slaTimeZone);
  if (first !== null) {
    let m = monthOf(now, slaTimeZone);
    for (let i = 0; i < MAX_SLA_MONTHS && m >= first; i++, m = shiftMonth(m, -1)) {
      urls.push(`/sla?month=${m}`, `/sla.csv?month=${m}`, `/api/sla.json?month=${m}`);
    }
  }
  return urls;
}

const PAGE = /^[1-9]\d{0,5}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The URL a link has on the mirror (the URL itself when it needs no other), or null when the mirror cannot hold it. */
export function mirrorUrl(url: string, brand: BrandFiles = {}): string | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  const brandSlot = /^\/brand\/([a-z-]+)$/.exec(path)?.[1] as BrandSlot | undefined;
  if (brandSlot) {
    // The `?v=` is a cache buster: static hosts find the file by its path alone and pass the query by.
    const ext = brand[brandSlot];
    return ext && /^(\?v=[\w-]*)?$/.test(query) ? `${path}.${ext}${query}` : null;
  }
  if (q === -1) return url;
  // One page on the mirror for every way of subscribing: it sends visitors to the origin.
  if (path === '/subscribe') return path;
  const params = new URLSearchParams(url.slice(q + 1));
  const keys = [...params.keys()].sort().join(',');
  if (path === '/brand.css' && keys === 'v') return url;
  if (path === '/history' && ['page', 'component', 'component,page'].includes(keys)) {
    const page = params.get('page') ?? '1';
    const slug = params.get('component');
    if (!PAGE.test(page) || (slug !== null && !isSlug(slug))) return null;
    const base = slug ? `/history/component/${slug}/` : '/history/';
    return page === '1' ? (slug ? base : '/history') : `${base}page/${page}/`;
  }
  const month = params.get('month');
  if (keys !== 'month' || !month || !MONTH.test(month)) return null;
  if (path === '/sla') return `/sla/${month}/`;
  if (path === '/sla.csv') return `/sla/${month}.csv`;
  if (path === '/api/sla.json') return `/api/sla/${month}.json`;
  return null;
}

/** The file (relative, `/`-separated) holding a mirror URL: pages become `<path>/index.html`. */
export function fileFor(url: string, contentType: string, brand: BrandFiles = {}): string {
  const mirrored = mirrorUrl(url, brand) ?? url;
  const q = mirrored.indexOf('?');
  const path = decodeURIComponent(q === -1 ? mirrored : mirrored.slice(0, q)).replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return contentType.startsWith('text/html') ? `${path}/index.html` : path;
}

/** The files a link may name on the mirror: a page's `index.html`, or the file itself. */
export function filesFor(url: string, brand: BrandFiles = {}): [string, string] {
  return [fileFor(url, 'text/html', brand), fileFor(url, '', brand)];
}

const LINK = /(href|src|action)="(\/(?!\/)[^"#]*)(#[^"]*)?"/g;

/**
 * Points every same-site `href`, `src` and `action` at the URL the mirror holds it under; one the mirror does not
 * hold (`exists` says which files it has) goes to `origin` with its own path, so it works while the origin is up.
 */
export function rewriteLinks(html: string, exists: (file: string) => boolean, origin: string, brand: BrandFiles = {}): string {
  return html.replace(LINK, (whole, attr: string, link: string, hash: string | undefined, at: number) => {
    const url = link.replaceAll('&amp;', '&');
    const target = mirrorUrl(url, brand);
    const held = target !== null && filesFor(target, brand).some(exists) && !(attr === 'action' && postsFrom(html, at));
    const out = held ? target.replaceAll('&', '&amp;') : origin + link;
    return out === link ? whole : `${attr}="${out}${hash ?? ''}"`;
  });
}

/** Whether the form whose `action` stands at `at` posts (a static host answers no POST). */
function postsFrom(html: string, at: number): boolean {
  const open = html.lastIndexOf('<', at);
  const close = html.indexOf('>', at);
  return html.startsWith('<form', open) && /\bmethod="post"/i.test(html.slice(open, close));
}
