/** Our rows in Statuspage's management-API shapes: the v2 mapping (domain/statuspage.ts) plus the fields only operators see. */
import { toSpComponents, toSpIncident, toSpMaintenance, type SpComponent } from '../../domain/statuspage';
import type { ComponentRow, GroupRow } from '../services/components';
import type { IncidentView, MaintenanceView } from '../queries/public';
import type { SpPageRef } from './page';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What every mapping of one page needs: its id and link, and all its components (hidden ones too). */
export interface SpView {
  page: SpPageRef;
  components: SpComponent[];
}

export function spView(page: SpPageRef, groups: GroupRow[], comps: ComponentRow[]): SpView {
  return { page, components: toSpComponents(page.id, groups, comps) };
}

export function pageJson(p: SpPageRef) {
  return {
    id: p.id,
    name: p.name,
    url: p.url,
    subdomain: null,
    domain: new URL(p.url).host,
    time_zone: 'Etc/UTC',
    created_at: null,
    updated_at: iso(p.updatedAt),
  };
}

/** One component, or a group's row (`g3`), as Statuspage lists it. */
export function componentJson(view: SpView, id: string) {
  const c = view.components.find((x) => x.id === id);
  return c ? { ...c, automation_email: null } : undefined;
}

/** Components with their groups' rows (`group: true`, member ids in `components`), as Statuspage and /api/v2 list them. */
export function componentsJson(view: SpView) {
  return view.components.map((c) => ({ ...c, automation_email: null }));
}

export function groupJson(view: SpView, g: GroupRow, comps: ComponentRow[]) {
  return {
    id: `g${g.id}`,
    page_id: view.page.id,
    name: g.name,
    description: g.description,
    components: comps
      .filter((c) => c.groupId === g.id)
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((c) => String(c.id)),
    position: g.position,
    created_at: iso(g.createdAt),
    updated_at: iso(Math.max(g.createdAt, g.updatedAt)),
  };
}

/** An incident with the management fields; drafts are marked (Statuspage has none: its clients ignore the field). */
export function incidentJson(view: SpView, i: IncidentView, draft: boolean, postmortemDraft: string | null) {
  return {
    ...toSpIncident(i, { pageId: view.page.id, siteUrl: view.page.url, components: view.components }),
    impact_override: null,
    metadata: {},
    postmortem_body: i.postmortemMd ?? postmortemDraft,
    postmortem_published_at: iso(i.postmortemPublishedAt),
    scheduled_for: null,
    scheduled_until: null,
    scheduled_remind_prior: false,
    scheduled_auto_in_progress: false,
    scheduled_auto_completed: false,
    draft,
  };
}

/** A maintenance window as Statuspage's scheduled incident (id `m<id>`, as in /api/v2). */
export function maintenanceJson(view: SpView, m: MaintenanceView) {
  return {
    ...toSpMaintenance(m, { pageId: view.page.id, siteUrl: view.page.url, components: view.components }),
    impact_override: null,
    metadata: {},
    postmortem_body: null,
    postmortem_published_at: null,
    reminder_intervals: null,
    scheduled_remind_prior: false,
    // Our windows follow the clock (DESIGN.md): they start and complete on their own.
    scheduled_auto_in_progress: true,
    scheduled_auto_completed: true,
    draft: false,
  };
}
