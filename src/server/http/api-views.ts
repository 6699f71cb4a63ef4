/** JSON shapes of the write API (Statuspage field names where they exist), typed by the schemas the OpenAPI document is made of. */
import type { z } from 'zod';
import type { ComponentJson, IncidentJson, MaintenanceJson, SlaSettingsJson } from '../api-schemas/v1';
import type { ComponentRow } from '../services/components';
import type { IncidentView, MaintenanceView } from '../queries/public';
import type { Settings } from '../queries/settings';
import { FUTURE_SLACK_MS } from '../../domain/constants';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isoAt = (ms: number) => new Date(ms).toISOString();

export function componentJson(c: ComponentRow): z.output<typeof ComponentJson> {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    status: c.status,
    automatic: c.manualStatus === null,
    group_id: c.groupId,
    position: c.position,
    target: c.target,
    visible: c.visible,
    showcase: c.showcase,
    only_show_if_degraded: c.onlyShowIfDegraded,
    start_date: iso(c.startDate),
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function incidentJson(i: IncidentView, draft = false): z.output<typeof IncidentJson> {
  return {
    id: i.id,
    name: i.title,
    status: i.status,
    impact: i.impact,
    draft,
    started_at: iso(i.startedAt),
    /** When the record was written; started_at may be earlier (Statuspage's backfilled). */
    created_at: iso(i.createdAt),
    backfilled: i.startedAt < i.createdAt - FUTURE_SLACK_MS,
    excluded_from_sla: i.excludedFromSla,
    exclusion_reason: i.exclusionReason,
    updated_at: iso(i.updatedAt),
    resolved_at: iso(i.resolvedAt),
    shortlink: `/incidents/${i.id}`,
    components: i.components.map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      display_at: iso(u.displayAt),
      created_at: iso(u.createdAt),
      updated_at: iso(u.updatedAt),
      affected_components: u.affected.map((a) => ({ code: a.componentId, name: a.name, old_status: a.oldStatus, new_status: a.newStatus })),
    })),
    postmortem_body: i.postmortemMd,
    postmortem_published_at: iso(i.postmortemPublishedAt),
  };
}

export function slaSettingsJson(s: Settings): z.output<typeof SlaSettingsJson> {
  return {
    credit_tiers: s.creditTiers.map((t) => ({ below: t.below, at_least: t.atLeast, credit_percent: t.creditPercent })),
    maintenance_allowance_minutes: s.maintenanceAllowanceMinutes,
    maintenance_policy: s.maintenancePolicy,
    first_response_targets: s.firstResponseTargets,
    resolve_targets: s.resolveTargets,
    time_zone: s.slaTimeZone,
    sla_public: s.slaPublic,
  };
}

export function maintenanceJson(m: MaintenanceView): z.output<typeof MaintenanceJson> {
  return { id: m.id, name: m.title, body: m.body, status: m.status, scheduled_for: isoAt(m.scheduledFor), scheduled_until: isoAt(m.scheduledUntil), started_at: iso(m.startedAt), completed_at: iso(m.completedAt), components: m.components };
}
