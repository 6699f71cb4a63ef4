/**
 * Rows → Atlassian Statuspage v2 shapes (the public JSON API and webhook payloads). Field names and value
 * sets follow Statuspage exactly so its clients (widgets, Grafana, bots) work unchanged.
 */
import { worstStatus } from './status';
import type { MaintenanceStatus } from './enums';
import type { ComponentInput, GroupInput, IncidentInput, IsoTime, MaintenanceInput, PageInput, SpComponent, SpIncident, SpMaintenance, SpPage } from './statuspage-types';

export type * from './statuspage-types';

/** ISO 8601 with offset (UTC, `Z`). */
export function isoTime(ms: number): IsoTime {
  return new Date(ms).toISOString();
}
const isoOrNull = (ms: number | null): IsoTime | null => (ms === null ? null : isoTime(ms));

export const componentId = (id: number): string => String(id);
/** Groups share the component list with components, so their ids get a prefix to stay distinct. */
export const groupId = (id: number): string => `g${id}`;
export const incidentId = (id: number): string => String(id);
export const maintenanceId = (id: number): string => `m${id}`;

export function toSpPage(p: PageInput): SpPage {
  return { id: p.id, name: p.name, url: p.url, time_zone: 'Etc/UTC', updated_at: isoTime(p.updatedAt) };
}

/**
 * Components and their groups as one ordered list: each group row (group: true, components: child ids,
 * status = worst child) is followed by its children; ungrouped components come last. Groups without
 * visible children are left out.
 */
export function toSpComponents(pageId: string, groups: GroupInput[], comps: ComponentInput[]): SpComponent[] {
  const out: SpComponent[] = [];
  const sortedGroups = [...groups].sort((a, b) => a.position - b.position || a.id - b.id);
  const sorted = [...comps].sort((a, b) => a.position - b.position || a.id - b.id);
  const known = new Set(sortedGroups.map((g) => g.id));
  const row = (c: ComponentInput): SpComponent => ({
    id: componentId(c.id),
    name: c.name,
    status: c.status,
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
    position: out.length + 1,
    description: c.description || null,
    showcase: true,
    start_date: new Date(c.startDate).toISOString().slice(0, 10),
    group_id: c.groupId !== null && known.has(c.groupId) ? groupId(c.groupId) : null,
    page_id: pageId,
    group: false,
    only_show_if_degraded: c.onlyShowIfDegraded,
  });
  for (const g of sortedGroups) {
    const children = sorted.filter((c) => c.groupId === g.id);
    if (children.length === 0) continue;
    out.push({
      id: groupId(g.id),
      name: g.name,
      status: worstStatus(...children.map((c) => c.status)),
      created_at: isoTime(g.createdAt),
      updated_at: isoTime(Math.max(g.updatedAt, ...children.map((c) => c.updatedAt))),
      position: out.length + 1,
      description: g.description || null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: children.map((c) => componentId(c.id)),
    });
    for (const c of children) out.push(row(c));
  }
  for (const c of sorted) if (c.groupId === null || !known.has(c.groupId)) out.push(row(c));
  return out;
}

function pickComponents(ids: { id: number }[], all: SpComponent[]): SpComponent[] {
  const want = new Set(ids.map((c) => componentId(c.id)));
  return all.filter((c) => !c.group && want.has(c.id));
}

/** One incident, updates newest first (clients compare the first items to detect changes). */
export function toSpIncident(i: IncidentInput, ctx: { pageId: string; siteUrl: string; components: SpComponent[] }): SpIncident {
  const id = incidentId(i.id);
  const updates = [...i.updates].sort((a, b) => b.displayAt - a.displayAt || b.id - a.id);
  return {
    id,
    name: i.title,
    status: i.status,
    created_at: isoTime(i.createdAt),
    updated_at: isoTime(i.updatedAt),
    monitoring_at: isoOrNull(i.monitoringAt),
    resolved_at: isoOrNull(i.resolvedAt),
    impact: i.impact,
    shortlink: `${ctx.siteUrl}/incidents/${i.id}`,
    started_at: isoTime(i.startedAt),
    page_id: ctx.pageId,
    incident_updates: updates.map((u) => ({
      id: String(u.id),
      status: u.status,
      body: u.body,
      incident_id: id,
      created_at: isoTime(u.createdAt),
      updated_at: isoTime(u.updatedAt),
      display_at: isoTime(u.displayAt),
      affected_components: u.affected.length
        ? u.affected.map((a) => ({ code: componentId(a.componentId), name: a.name, old_status: a.oldStatus, new_status: a.newStatus }))
        : null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: pickComponents(i.components, ctx.components),
    postmortem_body: i.postmortemPublishedAt !== null ? i.postmortemMd : null,
    postmortem_published_at: isoOrNull(i.postmortemPublishedAt),
  };
}

/** Maintenance has no update table: its timeline is synthesised from the window's transitions. */
export function toSpMaintenance(m: MaintenanceInput, ctx: { pageId: string; siteUrl: string; components: SpComponent[] }): SpMaintenance {
  const id = maintenanceId(m.id);
  const steps: { key: string; status: MaintenanceStatus; at: number; body: string }[] = [{ key: 'scheduled', status: 'scheduled', at: m.createdAt, body: m.body }];
  if (m.status !== 'scheduled') {
    steps.push({ key: 'in_progress', status: 'in_progress', at: m.startedAt ?? m.scheduledFor, body: 'Scheduled maintenance is currently in progress.' });
  }
  if (m.status === 'verifying') steps.push({ key: 'verifying', status: 'verifying', at: m.updatedAt, body: 'Maintenance is being verified.' });
  if (m.status === 'completed') {
    steps.push({ key: 'completed', status: 'completed', at: m.completedAt ?? m.scheduledUntil, body: 'The scheduled maintenance has been completed.' });
  }
  const updates = steps.reverse().map((s) => ({
    id: `${id}-${s.key}`,
    status: s.status,
    body: s.body,
    incident_id: id,
    created_at: isoTime(s.at),
    updated_at: isoTime(s.key === 'scheduled' ? m.updatedAt : s.at),
    display_at: isoTime(s.at),
    affected_components: null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
  return {
    id,
    name: m.title,
    status: m.status,
    created_at: isoTime(m.createdAt),
    updated_at: isoTime(m.updatedAt),
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? isoTime(m.completedAt ?? m.scheduledUntil) : null,
    impact: 'maintenance',
    shortlink: `${ctx.siteUrl}/maintenance`,
    started_at: isoTime(m.startedAt ?? m.scheduledFor),
    page_id: ctx.pageId,
    incident_updates: updates,
    components: pickComponents(m.components, ctx.components),
    scheduled_for: isoTime(m.scheduledFor),
    scheduled_until: isoTime(m.scheduledUntil),
  };
}
