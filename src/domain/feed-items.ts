/**
 * The one item model behind RSS, Atom and JSON Feed: one item per incident, per published post-mortem and per
 * scheduled maintenance. Ids are `tag:` URIs (RFC 4151) minted from the stored authority, never from SITE_URL.
 */
// Decision: docs/decisions/020-feeds-and-badges.md
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS, type IncidentStatus, type MaintenanceStatus } from './enums';
import { formatUtc } from './format';

export const FEED_LIMIT = 50;

export interface FeedIncident {
  id: number;
  title: string;
  startedAt: number;
  /** Sanitised HTML of each update, any order. */
  updates: { id: number; status: IncidentStatus; displayAt: number; bodyHtml: string }[];
}

export interface FeedPostmortem {
  incidentId: number;
  title: string;
  /** Sanitised HTML. */
  html: string;
  publishedAt: number;
  source: 'file' | 'admin';
}

export interface FeedMaintenance {
  id: number;
  title: string;
  status: MaintenanceStatus;
  scheduledFor: number;
  scheduledUntil: number;
  createdAt: number;
  updatedAt: number;
  /** Sanitised HTML. */
  bodyHtml: string;
}

export interface FeedItem {
  /** Stable across edits and domain changes: a tag: URI of what the item is about. */
  guid: string;
  title: string;
  link: string;
  /** pubDate / Atom published: the incident's start or the post-mortem's publication. */
  date: number;
  /** Atom updated: the latest update's time (a typo edit leaves it alone). */
  updated: number;
  html: string;
}

/** Removes characters XML 1.0 forbids (controls other than tab/newline/return, lone surrogates, U+FFFE/F). */
export function stripInvalidXml(s: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters; removing them is the point
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Escapes text for HTML/XML content and attribute values. */
export function escapeXml(s: string): string {
  return stripInvalidXml(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The timeline as HTML, newest update first, each headed by its status and UTC time. */
export function timelineHtml(updates: FeedIncident['updates']): string {
  return [...updates]
    .sort((a, b) => b.displayAt - a.displayAt || b.id - a.id)
    .map((u) => {
      const when = new Date(u.displayAt).toISOString();
      return `<p><strong>${escapeXml(INCIDENT_STATUS_LABELS[u.status])}</strong> · <time datetime="${when}">${escapeXml(formatUtc(u.displayAt))}</time></p>\n${u.bodyHtml}`;
    })
    .join('\n');
}

/** Admin post-mortems win over a file for the same incident; files count from their publication time. */
export function mergePostmortems(admin: FeedPostmortem[], files: FeedPostmortem[], now: number): FeedPostmortem[] {
  const taken = new Set(admin.map((p) => p.incidentId));
  return [...admin, ...files.filter((f) => !taken.has(f.incidentId) && f.publishedAt <= now)];
}

/** `tag:` URI (RFC 4151) of a feed or entry: `tag:status.example.com,2026:Incident/42`; the authority is stored once per page. */
export const tagId = (authority: string, specific: string): string => `tag:${authority}:${specific}`;

/** A page's tag authority, `host,year` of the first use: fixed once stored, so ids never change with the URL. */
export const tagAuthority = (host: string, now: number): string => `${host},${new Date(now).getUTCFullYear()}`;

function maintenanceHtml(m: FeedMaintenance): string {
  const from = new Date(m.scheduledFor).toISOString();
  const until = new Date(m.scheduledUntil).toISOString();
  const head = `<p><strong>${escapeXml(MAINTENANCE_STATUS_LABELS[m.status])}</strong> · <time datetime="${from}">${escapeXml(formatUtc(m.scheduledFor))}</time> – <time datetime="${until}">${escapeXml(formatUtc(m.scheduledUntil))}</time></p>`;
  return `${head}\n${m.bodyHtml}`;
}

/** Items newest first (ties by guid, so the order never wobbles), at most `limit`. */
export function buildFeedItems(input: {
  siteUrl: string;
  tagAuthority: string;
  incidents: FeedIncident[];
  postmortems: FeedPostmortem[];
  maintenances?: FeedMaintenance[];
  limit?: number;
}): FeedItem[] {
  const { siteUrl, tagAuthority } = input;
  const known = new Map(input.incidents.map((i) => [i.id, i]));
  const items: FeedItem[] = input.incidents.map((i) => ({
    guid: tagId(tagAuthority, `Incident/${i.id}`),
    title: stripInvalidXml(i.title),
    link: `${siteUrl}/incidents/${i.id}`,
    date: i.startedAt,
    updated: Math.max(i.startedAt, ...i.updates.map((u) => u.displayAt)),
    html: timelineHtml(i.updates),
  }));
  for (const p of input.postmortems) {
    const incident = known.get(p.incidentId);
    if (!incident) continue;
    items.push({
      guid: tagId(tagAuthority, `Incident/${p.incidentId}/Postmortem`),
      title: stripInvalidXml(p.title || `Post-mortem: ${incident.title}`),
      link: `${siteUrl}/incidents/${p.incidentId}#postmortem`,
      date: p.publishedAt,
      updated: p.publishedAt,
      html: p.html,
    });
  }
  for (const m of input.maintenances ?? []) {
    const created = Math.min(m.createdAt, m.updatedAt);
    items.push({
      guid: tagId(tagAuthority, `Maintenance/${m.id}`),
      title: stripInvalidXml(m.title),
      link: `${siteUrl}/maintenance/${m.id}`,
      date: created,
      updated: Math.max(created, m.updatedAt),
      html: maintenanceHtml(m),
    });
  }
  items.sort((a, b) => b.date - a.date || (a.guid < b.guid ? 1 : a.guid > b.guid ? -1 : 0));
  return items.slice(0, input.limit ?? FEED_LIMIT);
}
