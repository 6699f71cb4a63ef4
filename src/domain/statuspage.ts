/**
 * Rows → Atlassian Statuspage v2 shapes (the public JSON API and webhook payloads). Field names and value
 * sets follow Statuspage exactly so its clients (widgets, Grafana, bots) work unchanged.
 */
// Decision: docs/decisions/019-statuspage-v2-compatibility.md
import { worstStatus } from './status';
import { statuspageZoneName, zonedIsoTime } from './zoned-time';
import { FINISHED_SP_STATUSES, type MaintenanceStatus } from './enums';
import type { ComponentInput, GroupInput, IncidentInput, IsoTime, MaintenanceInput, PageInput, SpAffectedComponent, SpComponent, SpIncident, SpMaintenance, SpPage } from './statuspage-types';

export type * from './statuspage-types';

/** ISO 8601 with the offset of the page's reporting time zone (UTC: `Z`). */
export function isoTime(ms: number, timeZone?: string): IsoTime {
  return zonedIsoTime(ms, timeZone);
}

/** What every mapping needs besides the row: identities, links and the reporting time zone. */
export interface SpMapContext {
  pageId: string;
  siteUrl: string;
  components: SpComponent[];
  timeZone?: string;
}

/** Whether a Statuspage-format incident or maintenance status (as a payload carries it) means it is over. */
export function isFinishedSpStatus(status: string): boolean {
  return (FINISHED_SP_STATUSES as readonly string[]).includes(status);
}

const componentId = (id: number): string => String(id);
/** Groups share the component list with components, so their ids get a prefix to stay distinct. */
const groupId = (id: number): string => `g${id}`;
const incidentId = (id: number): string => String(id);
const maintenanceId = (id: number): string => `m${id}`;

export function toSpPage(p: PageInput): SpPage {
  return { id: p.id, name: p.name, url: p.url, time_zone: statuspageZoneName(p.timeZone ?? 'UTC'), updated_at: isoTime(p.updatedAt, p.timeZone) };
}

/**
 * Components and their groups as one ordered list: each group row (group: true, components: child ids,
 * status = worst child) is followed by its children; ungrouped components come last. Groups without
 * visible children are left out. `position` counts top-level rows and, separately, each group's children
 * (as Statuspage does); `showcase` is the component's "show uptime bars" setting.
 */
export function toSpComponents(pageId: string, groups: GroupInput[], comps: ComponentInput[], timeZone?: string): SpComponent[] {
  const t = (ms: number) => isoTime(ms, timeZone);
  const out: SpComponent[] = [];
  const sortedGroups = [...groups].sort((a, b) => a.position - b.position || a.id - b.id);
  const sorted = [...comps].sort((a, b) => a.position - b.position || a.id - b.id);
  const known = new Set(sortedGroups.map((g) => g.id));
  let top = 0;
  const row = (c: ComponentInput, position: number): SpComponent => ({
    id: componentId(c.id),
    name: c.name,
    status: c.status,
    created_at: t(c.createdAt),
    updated_at: t(Math.max(c.createdAt, c.updatedAt)),
    position,
    description: c.description || null,
    showcase: c.showcase ?? true,
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
      created_at: t(g.createdAt),
      updated_at: t(Math.max(g.createdAt, g.updatedAt, ...children.map((c) => c.updatedAt))),
      position: ++top,
      description: g.description || null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: children.map((c) => componentId(c.id)),
    });
    children.forEach((c, i) => out.push(row(c, i + 1)));
  }
  for (const c of sorted) if (c.groupId === null || !known.has(c.groupId)) out.push(row(c, ++top));
  return out;
}

function pickComponents(ids: { id: number }[], all: SpComponent[]): SpComponent[] {
  const want = new Set(ids.map((c) => componentId(c.id)));
  return all.filter((c) => !c.group && want.has(c.id));
}

/** One incident, updates newest first (clients compare the first items to detect changes). */
export function toSpIncident(i: IncidentInput, ctx: SpMapContext): SpIncident {
  const t = (ms: number) => isoTime(ms, ctx.timeZone);
  const tn = (ms: number | null) => (ms === null ? null : t(ms));
  const id = incidentId(i.id);
  const updates = [...i.updates].sort((a, b) => b.displayAt - a.displayAt || b.id - a.id);
  const createdAt = Math.min(i.createdAt, i.startedAt);
  return {
    id,
    name: i.title,
    status: i.postmortemPublishedAt !== null && i.status === 'resolved' ? 'postmortem' : i.status,
    created_at: t(createdAt),
    updated_at: t(Math.max(createdAt, i.updatedAt, i.postmortemPublishedAt ?? 0)),
    monitoring_at: tn(i.monitoringAt),
    resolved_at: tn(i.resolvedAt),
    impact: i.impact,
    shortlink: `${ctx.siteUrl}/incidents/${i.id}`,
    started_at: t(i.startedAt),
    page_id: ctx.pageId,
    incident_updates: updates.map((u) => ({
      id: String(u.id),
      status: u.status,
      body: u.body,
      incident_id: id,
      created_at: t(u.createdAt),
      updated_at: t(Math.max(u.createdAt, u.updatedAt)),
      display_at: t(u.displayAt),
      affected_components: u.affected.map((a) => ({ code: componentId(a.componentId), name: a.name, old_status: a.oldStatus, new_status: a.newStatus })),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: pickComponents(i.components, ctx.components),
    reminder_intervals: null,
  };
}

/**
 * Maintenance has no update table: its timeline is synthesised from the window's transitions, each listing
 * the `under_maintenance` change of its components. `started_at` is when it was created, as in Statuspage.
 */
export function toSpMaintenance(m: MaintenanceInput, ctx: SpMapContext): SpMaintenance {
  const t = (ms: number) => isoTime(ms, ctx.timeZone);
  const id = maintenanceId(m.id);
  const comps = pickComponents(m.components, ctx.components);
  const change = (from: SpAffectedComponent['old_status'], to: SpAffectedComponent['new_status']): SpAffectedComponent[] =>
    comps.map((c) => ({ code: c.id, name: c.name, old_status: from, new_status: to }));
  const createdAt = Math.min(m.createdAt, m.updatedAt);
  const ended = m.completedAt ?? m.scheduledUntil;
  type Step = { key: string; status: MaintenanceStatus; at: number; body: string; affected: SpAffectedComponent[] };
  const steps: Step[] = [{ key: 'scheduled', status: 'scheduled', at: createdAt, body: m.body, affected: change('operational', 'operational') }];
  if (m.status !== 'scheduled') {
    steps.push({ key: 'in_progress', status: 'in_progress', at: m.startedAt ?? m.scheduledFor, body: 'Scheduled maintenance is currently in progress.', affected: change('operational', 'under_maintenance') });
  }
  if (m.status === 'verifying') steps.push({ key: 'verifying', status: 'verifying', at: m.updatedAt, body: 'Maintenance is being verified.', affected: change('under_maintenance', 'under_maintenance') });
  if (m.status === 'completed') steps.push({ key: 'completed', status: 'completed', at: ended, body: 'The scheduled maintenance has been completed.', affected: change('under_maintenance', 'operational') });
  const updates = steps.reverse().map((s) => ({
    id: `${id}-${s.key}`,
    status: s.status,
    body: s.body,
    incident_id: id,
    created_at: t(s.at),
    updated_at: t(s.key === 'scheduled' ? Math.max(s.at, m.updatedAt) : s.at),
    display_at: t(s.at),
    affected_components: s.affected,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
  return {
    id,
    name: m.title,
    status: m.status,
    created_at: t(createdAt),
    updated_at: t(Math.max(createdAt, m.updatedAt)),
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? t(ended) : null,
    impact: 'maintenance',
    shortlink: `${ctx.siteUrl}/maintenance/${m.id}`,
    started_at: t(createdAt),
    page_id: ctx.pageId,
    incident_updates: updates,
    components: comps,
    scheduled_for: t(m.scheduledFor),
    scheduled_until: t(m.scheduledUntil),
  };
}
