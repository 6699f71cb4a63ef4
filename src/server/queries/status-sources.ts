/** Per component, the status in force now with the sources that decide it (issue 25: one visible status). */
// Decision: docs/decisions/032-one-visible-status-per-component.md
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import { components, incidentComponents, incidents, monitors } from '../../../db/schema';
import { STATUS_LABELS, type ComponentStatus } from '../../domain/enums';
import { groupBy } from '../../domain/group-by';
import { describeDecider, describeDeciders, describeStatus, explainStatus, isLeftoverManual, resolveEffect, type CoveringDeclaration, type ExplainedStatus, type ResolveEffect } from '../../domain/status-source';
import type { Db } from '../db';
import { loadDeclarations } from '../services/status-core';

export interface ComponentStatusView {
  explained: ExplainedStatus;
  /** "Major outage — incident #12". */
  label: string;
  /** The source part alone: "incident #12". */
  why: string;
  /** "Partial outage — set by hand …" for each declaration in force that does not show. */
  overruled: string[];
  covering: CoveringDeclaration[];
  monitors: string[];
  openIncidents: { id: number; title: string }[];
  /** The hand-set status in force, if any. */
  manual: { status: ComponentStatus; since: number } | null;
  /** A hand-set problem with no open incident behind it. */
  leftover: boolean;
}

/** The declarations in force at `now` per component (hand-set ones already ended with their incident). */
function coveringNow(db: Db, componentIds: number[], now: number): Map<number, CoveringDeclaration[]> {
  return new Map(componentIds.map((id) => [id, loadDeclarations(db, id, now, now + 1)]));
}

/** Open, published incidents by the components they affect. */
export function openIncidentsByComponent(db: Db): Map<number, { id: number; title: string }[]> {
  const rows = db
    .select({ componentId: incidentComponents.componentId, id: incidents.id, title: incidents.title })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(and(ne(incidents.status, 'resolved'), eq(incidents.draft, false)))
    .orderBy(asc(incidents.id))
    .all();
  return groupBy(rows, (r) => r.componentId);
}

/** Every component's status view at `now` (components without declarations get "Operational — nothing declared"). */
export function componentStatusViews(db: Db, componentIds: number[], now: number): Map<number, ComponentStatusView> {
  const covering = coveringNow(db, componentIds, now);
  const names = groupBy(db.select({ componentId: monitors.componentId, name: monitors.name }).from(monitors).orderBy(asc(monitors.name)).all(), (m) => m.componentId);
  const open = openIncidentsByComponent(db);
  const out = new Map<number, ComponentStatusView>();
  for (const id of componentIds) {
    const decls = covering.get(id) ?? [];
    const sourceNames = { monitors: (names.get(id) ?? []).map((m) => m.name) };
    const explained = explainStatus(decls);
    const manualDecl = decls.find((d) => d.source === 'manual');
    const manual = manualDecl ? { status: manualDecl.status, since: manualDecl.start } : null;
    out.set(id, {
      explained,
      label: describeStatus(explained, sourceNames),
      why: describeDeciders(explained, sourceNames),
      overruled: explained.overruled.map((d) => `${STATUS_LABELS[d.status]} — ${describeDecider(d, sourceNames)}`),
      covering: decls,
      monitors: sourceNames.monitors,
      openIncidents: open.get(id) ?? [],
      manual,
      leftover: isLeftoverManual(manual?.status ?? null, open.get(id)?.length ?? 0),
    });
  }
  return out;
}

/** Components showing a hand-set problem with no open incident behind it (the admin home's warnings). */
export function leftoverManualStatuses(db: Db, now: number): { id: number; name: string; status: ComponentStatus }[] {
  const candidates = db.select({ id: components.id, name: components.name }).from(components).where(isNotNull(components.manualStatus)).orderBy(asc(components.position), asc(components.id)).all();
  const views = componentStatusViews(db, candidates.map((c) => c.id), now);
  return candidates.flatMap((c) => {
    const v = views.get(c.id)!;
    return v.leftover && v.manual ? [{ ...c, status: v.manual.status }] : [];
  });
}

/** What resolving an incident would do now to each component it affects (the resolve form shows it). */
export function resolvePreview(db: Db, incident: { id: number; startedAt: number }, now: number): { id: number; name: string; effect: ResolveEffect }[] {
  const rows = db
    .select({ id: components.id, name: components.name })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(eq(incidentComponents.incidentId, incident.id))
    .orderBy(asc(components.position), asc(components.id))
    .all();
  const covering = coveringNow(db, rows.map((c) => c.id), now);
  return rows.map((c) => ({ ...c, effect: resolveEffect(covering.get(c.id) ?? [], incident) }));
}
