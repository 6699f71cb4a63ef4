/**
 * Cache tags (Fastly's Surrogate-Key, Cloudflare's Cache-Tag): what a public response shows, and which tags
 * a batch of change_log entries makes stale, so a CDN can purge precisely. `all` is on every response.
 */
import { MS_PER_DAY } from '../../domain/constants';
import { isSlug } from '../../domain/slug';

export const ALL = 'all';

const SLA_PATH = /^\/(sla(\.csv)?|api\/sla\.json)$/;

/**
 * The tags of a public URL (path and the query its cache key keeps): `all`, the page's own, and what it is about.
 * Tags go out in response headers, space- and comma-separated: only slugs, digits and months make one, so an odd
 * URL (a 400 or 404 page) gets the page's tag, never a character a header cannot carry.
 */
export function tagsForPath(url: string): string[] {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (SLA_PATH.test(path)) {
    const month = q === -1 ? null : new URLSearchParams(url.slice(q + 1)).get('month');
    return [ALL, 'page:sla', month && /^\d{4}-\d{2}$/.test(month) ? `sla:${month}` : 'sla:current'];
  }
  let m = /^\/components\/([^/]+)(?:\/|$)/.exec(path);
  if (m) return [ALL, isSlug(m[1]) ? `component:${m[1]}` : 'page:missing'];
  // One component's history shows only incidents touching it: what changes those names the component.
  const slug = path === '/history' && q !== -1 ? new URLSearchParams(url.slice(q + 1)).get('component') : null;
  if (slug && isSlug(slug)) return [ALL, `component:${slug}`];
  m = /^\/incidents\/(\d{1,12})$/.exec(path);
  if (m) return [ALL, `incident:${m[1]}`];
  return [ALL, `page:${pageOf(path)}`];
}

function pageOf(path: string): string {
  if (path === '/') return 'overview';
  if (path.startsWith('/api/v2/')) return 'api';
  if (/^\/(feed\.(xml|atom|json)|history\.(rss|atom))$/.test(path)) return 'feeds';
  if (path === '/history') return 'history';
  if (path.startsWith('/maintenance')) return 'maintenance';
  if (path === '/badge.svg') return 'badge';
  return 'other';
}

export interface ChangeEntry {
  kind: string;
  entity: string;
  entityId: string | null;
  payload?: string | null;
}

/** When a source declares statuses (end null: still open). */
export interface Span {
  start: number;
  end: number | null;
}

export interface TagLookups {
  componentSlug: (id: number) => string | undefined;
  incidentSpan: (id: number) => Span | undefined;
  maintenanceSpan: (id: number) => Span | undefined;
  incidentComponents: (id: number) => string[];
  maintenanceComponents: (id: number) => string[];
}

const INCIDENT_PAGES = ['page:overview', 'page:history', 'page:feeds', 'page:api', 'page:missing', 'sla:current'];
const STATUS_PAGES = ['page:overview', 'page:api', 'page:badge', 'sla:current'];
const MAINTENANCE_PAGES = ['page:overview', 'page:maintenance', 'page:api', 'sla:current'];
const MAX_MONTHS = 36;

/** `sla:<YYYY-MM>` for every month a span touches, a day of margin either side for the SLA time zone. */
function monthTags(span: Span | undefined, now: number): string[] {
  if (!span) return [];
  const out: string[] = [];
  const end = new Date(Math.min(span.end ?? now, now) + MS_PER_DAY);
  const d = new Date(span.start - MS_PER_DAY);
  let m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  while (m <= end.getTime() && out.length < MAX_MONTHS) {
    out.push(`sla:${new Date(m).toISOString().slice(0, 7)}`);
    const x = new Date(m);
    m = Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 1);
  }
  return out;
}

function statusAt(payload: string | null | undefined): number | null {
  try {
    const at = (JSON.parse(payload ?? 'null') as { at?: unknown } | null)?.at;
    return typeof at === 'number' ? at : null;
  } catch {
    return null;
  }
}

/** An incident change's record of what it touched beyond the incident's current state (src/server/services/incidents.ts). */
export interface IncidentChangePayload {
  /** Components added to or dropped from the incident, or those of a deleted incident. */
  components?: number[];
  /** A deleted incident's span. */
  span?: Span;
}

function incidentPayload(payload: string | null | undefined): { components: number[]; span: Span | undefined } {
  try {
    const p = JSON.parse(payload ?? 'null') as IncidentChangePayload | null;
    const components = Array.isArray(p?.components) ? p.components.filter((c) => Number.isInteger(c)) : [];
    const span = p?.span && typeof p.span.start === 'number' ? { start: p.span.start, end: typeof p.span.end === 'number' ? p.span.end : null } : undefined;
    return { components, span };
  } catch {
    return { components: [], span: undefined };
  }
}

/** The tags to purge after these changes, sorted; `all` when a change can show anywhere (names, settings, the day). */
export function tagsForChanges(entries: ChangeEntry[], look: TagLookups, now: number): string[] {
  const tags = new Set<string>();
  const add = (list: string[]) => list.forEach((t) => tags.add(t));
  for (const e of entries) {
    const id = Number(e.entityId);
    if (e.entity === 'incident' && Number.isInteger(id)) {
      tags.add(`incident:${id}`);
      add(INCIDENT_PAGES);
      // What the change took away (components dropped from the incident, a deleted incident) is in its payload.
      const gone = incidentPayload(e.payload);
      add(monthTags(look.incidentSpan(id) ?? gone.span, now));
      look.incidentComponents(id).forEach((s) => tags.add(`component:${s}`));
      for (const c of gone.components) {
        const slug = look.componentSlug(c);
        if (slug) tags.add(`component:${slug}`);
      }
    } else if (e.entity === 'maintenance' && Number.isInteger(id)) {
      add(MAINTENANCE_PAGES);
      add(monthTags(look.maintenanceSpan(id), now));
      look.maintenanceComponents(id).forEach((s) => tags.add(`component:${s}`));
    } else if (e.kind === 'component.status' && Number.isInteger(id)) {
      add(STATUS_PAGES);
      // A backfilled status changes every month from its start on.
      const at = statusAt(e.payload);
      if (at !== null) add(monthTags({ start: at, end: null }, now));
      const slug = look.componentSlug(id);
      if (slug) tags.add(`component:${slug}`);
    } else return [ALL];
  }
  return [...tags].sort();
}
