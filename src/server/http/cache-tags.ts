/**
 * Cache tags (Fastly's Surrogate-Key, Cloudflare's Cache-Tag): what a public response shows, and which tags
 * a batch of change_log entries makes stale, so a CDN can purge precisely. `all` is on every response.
 */
export const ALL = 'all';

/** The tags of a public path: `all`, the page's own, and the component or incident it is about. */
export function tagsForPath(path: string): string[] {
  let m = /^\/components\/([^/]+)(?:\/|$)/.exec(path);
  if (m) return [ALL, `component:${decodeURIComponent(m[1])}`];
  m = /^\/incidents\/(\d{1,12})$/.exec(path);
  if (m) return [ALL, `incident:${m[1]}`];
  return [ALL, `page:${pageOf(path)}`];
}

function pageOf(path: string): string {
  if (path === '/') return 'overview';
  if (path.startsWith('/api/v2/')) return 'api';
  if (/^\/(feed\.(xml|atom)|history\.(rss|atom))$/.test(path)) return 'feeds';
  if (path === '/history') return 'history';
  if (path.startsWith('/maintenance')) return 'maintenance';
  if (/^\/(sla(\.csv)?|api\/sla\.json)$/.test(path)) return 'sla';
  if (path === '/badge.svg') return 'badge';
  return 'other';
}

export interface ChangeEntry {
  kind: string;
  entity: string;
  entityId: string | null;
}

export interface TagLookups {
  componentSlug: (id: number) => string | undefined;
  incidentComponents: (id: number) => string[];
  maintenanceComponents: (id: number) => string[];
}

const INCIDENT_PAGES = ['page:overview', 'page:history', 'page:feeds', 'page:api', 'page:sla'];
const STATUS_PAGES = ['page:overview', 'page:api', 'page:badge', 'page:sla'];
const MAINTENANCE_PAGES = ['page:overview', 'page:maintenance', 'page:api', 'page:sla'];

/** The tags to purge after these changes, sorted; `all` when a change can show anywhere (names, settings, the day). */
export function tagsForChanges(entries: ChangeEntry[], look: TagLookups): string[] {
  const tags = new Set<string>();
  for (const e of entries) {
    const id = Number(e.entityId);
    if (e.entity === 'incident' && Number.isInteger(id)) {
      tags.add(`incident:${id}`);
      INCIDENT_PAGES.forEach((t) => tags.add(t));
      look.incidentComponents(id).forEach((s) => tags.add(`component:${s}`));
    } else if (e.entity === 'maintenance' && Number.isInteger(id)) {
      MAINTENANCE_PAGES.forEach((t) => tags.add(t));
      look.maintenanceComponents(id).forEach((s) => tags.add(`component:${s}`));
    } else if (e.kind === 'component.status' && Number.isInteger(id)) {
      STATUS_PAGES.forEach((t) => tags.add(t));
      const slug = look.componentSlug(id);
      if (slug) tags.add(`component:${slug}`);
    } else return [ALL];
  }
  return [...tags].sort();
}
