/**
 * Cache tags (Fastly's Surrogate-Key, Cloudflare's Cache-Tag): what a public response shows, and which tags
 * a batch of change_log entries makes stale, so a CDN can purge precisely. `all` is on every response.
 */
// Decision: docs/decisions/016-cache-invalidation-by-change-log.md
import { ALL, invalidationPlan, mergePlans, type ChangeFacts, type ChangeSpan, type InvalidationPlan } from '../../domain/invalidation';
import { isSlug } from '../../domain/slug';

export { ALL };

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
export type Span = ChangeSpan;

export interface TagLookups {
  componentSlug: (id: number) => string | undefined;
  incidentSpan: (id: number) => Span | undefined;
  maintenanceSpan: (id: number) => Span | undefined;
  incidentComponents: (id: number) => string[];
  maintenanceComponents: (id: number) => string[];
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

/** The facts of one change_log entry the invalidation plan decides from. */
function changeFacts(e: ChangeEntry, look: TagLookups): ChangeFacts {
  const n = Number(e.entityId);
  const id = Number.isInteger(n) ? n : null;
  const base = { kind: e.kind, entity: e.entity, id };
  if (id === null) return { ...base, components: [], span: null };
  if (e.entity === 'incident') {
    // What the change took away (components dropped from the incident, a deleted incident) is in its payload.
    const gone = incidentPayload(e.payload);
    const dropped = gone.components.map((c) => look.componentSlug(c)).filter((s): s is string => s !== undefined);
    return { ...base, components: [...look.incidentComponents(id), ...dropped], span: look.incidentSpan(id) ?? gone.span ?? null };
  }
  if (e.entity === 'maintenance') return { ...base, components: look.maintenanceComponents(id), span: look.maintenanceSpan(id) ?? null };
  if (e.kind === 'component.status') {
    const slug = look.componentSlug(id);
    // A backfilled status changes every month from its start on.
    const at = statusAt(e.payload);
    return { ...base, components: slug ? [slug] : [], span: at === null ? null : { start: at, end: null } };
  }
  return { ...base, components: [], span: null };
}

/** What one change_log entry makes stale, by the invalidation plan (its SLA months are revised by the writer). */
export function planForChange(entry: ChangeEntry, look: TagLookups, now: number): InvalidationPlan {
  return invalidationPlan(changeFacts(entry, look), now);
}

/** What a batch of change_log entries makes stale, by the invalidation plan (src/domain/invalidation.ts). */
function planForChanges(entries: ChangeEntry[], look: TagLookups, now: number): InvalidationPlan {
  return mergePlans(entries.map((e) => planForChange(e, look, now)));
}

/** The tags to purge after these changes, sorted; `all` when a change can show anywhere (names, settings, the day). */
export function tagsForChanges(entries: ChangeEntry[], look: TagLookups, now: number): string[] {
  return planForChanges(entries, look, now).cacheTags;
}
