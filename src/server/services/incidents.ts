/** Incident workflow: create, update (with reopen and release), edit, delete, post-mortem, SLA exclusion. */
// Decision: docs/decisions/011-incident-timeline-rules.md
import { and, desc, eq, lte } from 'drizzle-orm';
import { components, incidentComponents, incidentPages, incidentUpdateComponents, incidentUpdates, incidents, pages, statusIntervals } from '../../../db/schema';
import { IMPACT_LABELS, type ComponentStatus, type Impact, type IncidentStatus } from '../../domain/enums';
import { applyUpdate, initialState, isInFuture, LifecycleError } from '../../domain/incident';
import { tx, type Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import type { Actor } from './actor';
import { requireComponent } from './components';
import { recordAudit, recordChange } from './journal';
import { syncIncident } from './declarations';
import type { IncidentChangePayload } from '../http/cache-tags';

export type IncidentRow = typeof incidents.$inferSelect;
export type UpdateRow = typeof incidentUpdates.$inferSelect;

export interface CreateIncidentInput {
  title: string;
  impact: Impact;
  status: IncidentStatus;
  body: string;
  /** component id or slug → status to set */
  components: Record<string, ComponentStatus>;
  startedAt?: number | null;
  displayAt?: number | null;
  formToken?: string | null;
  /** Statuspage's deliver_notifications: tell subscribers (default true). */
  deliverNotifications?: boolean;
  draft?: boolean;
  /** Issue 24: post to these pages only (none: every page showing one of its components). */
  pageIds?: number[];
}

export interface PostUpdateInput {
  status: IncidentStatus;
  body: string;
  components?: Record<string, ComponentStatus>;
  displayAt?: number | null;
  formToken?: string | null;
  /** Statuspage's deliver_notifications: tell subscribers (default true). */
  deliverNotifications?: boolean;
  /** On resolve: components (ids or slugs) whose hand-set status, set during the incident, stays. */
  keepManual?: (number | string)[];
}

export function findIncident(db: Db, id: number): IncidentRow | undefined {
  return db.select().from(incidents).where(eq(incidents.id, id)).get();
}

export function requireIncident(db: Db, id: number): IncidentRow {
  const i = findIncident(db, id);
  if (!i) throw new NotFoundError(`No incident ${id}.`);
  return i;
}

function lifecycle<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LifecycleError) throw new ValidationError(e.message, { [e.field]: e.message });
    throw e;
  }
}

function resolveComponents(db: Db, given: Record<string, ComponentStatus> | undefined): Map<number, ComponentStatus> {
  const out = new Map<number, ComponentStatus>();
  for (const [key, status] of Object.entries(given ?? {})) {
    const c = db.select({ id: components.id }).from(components).where(/^\d+$/.test(key) ? eq(components.id, Number(key)) : eq(components.slug, key)).get();
    if (!c) throw new ValidationError(`Unknown component "${key}".`, { components: `Unknown component "${key}".` });
    out.set(c.id, status);
  }
  return out;
}

/** Component ids from ids or slugs (unknown ones refused like elsewhere). */
function refIds(db: Db, refs: (number | string)[] | undefined): number[] {
  return [...resolveComponents(db, Object.fromEntries((refs ?? []).map((c) => [String(c), 'operational' as const]))).keys()];
}

/** The effective status of a component at an instant (its current one before it existed). */
function statusAt(db: Db, componentId: number, at: number): ComponentStatus {
  const row = db.select({ status: statusIntervals.status }).from(statusIntervals).where(and(eq(statusIntervals.componentId, componentId), lte(statusIntervals.startedAt, at))).orderBy(desc(statusIntervals.startedAt)).limit(1).get();
  return row?.status ?? requireComponent(db, componentId).status;
}

/**
 * Records what an update declares for each component (null: the row only shows a release) and recomputes the
 * incident's declarations; old/new on the update are the effective statuses just before and at its time.
 */
function declareUpdate(db: Db, updateId: number, incidentId: number, statuses: Map<number, ComponentStatus | null>, at: number, now: number): void {
  for (const [componentId, status] of statuses) {
    const before = statusAt(db, componentId, at - 1);
    db.insert(incidentUpdateComponents).values({ updateId, componentId, oldStatus: before, newStatus: status ?? before, declaredStatus: status }).onConflictDoNothing().run();
  }
  syncIncident(db, incidentId, now);
  if (requireIncident(db, incidentId).draft) return;
  for (const componentId of statuses.keys()) {
    db.update(incidentUpdateComponents)
      .set({ newStatus: statusAt(db, componentId, at) })
      .where(and(eq(incidentUpdateComponents.updateId, updateId), eq(incidentUpdateComponents.componentId, componentId)))
      .run();
  }
}

/** Rule 7: on resolve, the hand-set statuses set during the incident end with it, except on the components kept. */
function recordKeptManual(db: Db, incidentId: number, keep: number[]): void {
  for (const componentId of incidentComponentIds(db, incidentId)) {
    db.update(incidentComponents).set({ keepManual: keep.includes(componentId) }).where(and(eq(incidentComponents.incidentId, incidentId), eq(incidentComponents.componentId, componentId))).run();
  }
}

const released = (ids: number[]) => new Map<number, ComponentStatus | null>(ids.map((id) => [id, null]));

function incidentComponentIds(db: Db, incidentId: number): number[] {
  return db.select({ id: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, incidentId)).all().map((r) => r.id);
}

/** The change payload subscribers read: which update to announce, and whether to (deliver_notifications, default true). */
function notice(updateId: number, deliver: boolean | undefined): { update_id: number; notify: boolean } {
  return { update_id: updateId, notify: deliver !== false };
}

/** Opens an incident with its first update and component statuses in one transaction. Idempotent per form token. */
/** Restricts a new incident to chosen pages; an unknown page is the operator's error on the field. */
function postToPages(db: Db, incidentId: number, pageIds: number[]): void {
  for (const pageId of pageIds) {
    if (!db.select({ id: pages.id }).from(pages).where(eq(pages.id, pageId)).get()) throw new ValidationError(`No page ${pageId}.`, { pages: 'Choose listed pages.' });
    db.insert(incidentPages).values({ incidentId, pageId }).run();
  }
}

export function createIncident(db: Db, input: CreateIncidentInput, actor: Actor, now: number): IncidentRow {
  return tx(db, () => {
    if (input.formToken) {
      const dup = db.select().from(incidents).where(eq(incidents.formToken, input.formToken)).get();
      if (dup) return dup;
    }
    const startedAt = input.startedAt ?? now;
    if (isInFuture(startedAt, now)) throw new ValidationError('The start time cannot be in the future.', { started_at: 'Use a time in the past.' });
    const displayAt = input.displayAt ?? now;
    const { next } = lifecycle(() => applyUpdate(initialState(startedAt), { status: input.status, displayAt }, now));
    const statuses = resolveComponents(db, input.components);
    const incident = db
      .insert(incidents)
      .values({
        title: input.title,
        impact: input.impact,
        status: next.status,
        startedAt,
        identifiedAt: next.identifiedAt,
        monitoringAt: next.monitoringAt,
        resolvedAt: next.resolvedAt,
        draft: input.draft ?? false,
        formToken: input.formToken ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const update = db
      .insert(incidentUpdates)
      .values({ incidentId: incident.id, status: next.status, body: input.body, displayAt, author: actor.name, createdAt: now, updatedAt: now })
      .returning()
      .get();
    for (const id of statuses.keys()) db.insert(incidentComponents).values({ incidentId: incident.id, componentId: id }).run();
    postToPages(db, incident.id, input.pageIds ?? []);
    declareUpdate(db, update.id, incident.id, next.status === 'resolved' ? released([...statuses.keys()]) : statuses, Math.min(startedAt, displayAt), now);
    if (!incident.draft) recordChange(db, now, next.status === 'resolved' ? 'incident.resolved' : 'incident.created', 'incident', incident.id, notice(update.id, input.deliverNotifications));
    recordAudit(db, now, actor, 'incident.create', 'incident', incident.id, {
      after: { ...incident, body: input.body, components: Object.fromEntries(statuses), ...(input.pageIds?.length ? { pages: input.pageIds } : {}) },
      note: startedAt < now - 60_000 ? 'backfilled' : undefined,
    });
    return incident;
  });
}

/** Posts an update; resolving releases components (rule 7), a non-resolved update reopens a resolved incident. */
export function postUpdate(db: Db, incidentId: number, input: PostUpdateInput, actor: Actor, now: number): UpdateRow {
  return tx(db, () => {
    if (input.formToken) {
      const dup = db.select().from(incidentUpdates).where(eq(incidentUpdates.formToken, input.formToken)).get();
      if (dup) return dup;
    }
    const incident = requireIncident(db, incidentId);
    // Notes (edits recorded on the timeline) never bound a backdated update: only real updates do.
    const last = db.select().from(incidentUpdates).where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.kind, 'update'))).orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.id)).get();
    const displayAt = input.displayAt ?? now;
    const { next, reopened, resolved } = lifecycle(() =>
      applyUpdate(
        { status: incident.status, startedAt: incident.startedAt, identifiedAt: incident.identifiedAt, monitoringAt: incident.monitoringAt, resolvedAt: incident.resolvedAt, lastUpdateAt: last?.displayAt ?? null },
        { status: input.status, displayAt },
        now,
      ),
    );
    const given = resolveComponents(db, input.components);
    const update = db
      .insert(incidentUpdates)
      .values({ incidentId, status: next.status, body: input.body, displayAt, author: actor.name, formToken: input.formToken ?? null, createdAt: now, updatedAt: now })
      .returning()
      .get();
    db.update(incidents)
      .set({ status: next.status, identifiedAt: next.identifiedAt, monitoringAt: next.monitoringAt, resolvedAt: next.resolvedAt, updatedAt: now })
      .where(eq(incidents.id, incidentId))
      .run();
    for (const id of given.keys()) db.insert(incidentComponents).values({ incidentId, componentId: id }).onConflictDoNothing().run();
    const kept = refIds(db, input.keepManual);
    if (next.status === 'resolved') recordKeptManual(db, incidentId, kept);
    declareUpdate(db, update.id, incidentId, next.status === 'resolved' ? released(incidentComponentIds(db, incidentId)) : given, displayAt, now);
    if (!incident.draft) recordChange(db, now, resolved ? 'incident.resolved' : 'incident.updated', 'incident', incidentId, notice(update.id, input.deliverNotifications));
    recordAudit(db, now, actor, reopened ? 'incident.reopen' : 'incident.update', 'incident', incidentId, {
      before: { status: incident.status },
      after: { status: next.status, update_id: update.id, body: input.body, components: Object.fromEntries(given), ...(kept.length ? { kept_manual: kept } : {}) },
      note: displayAt < now - 60_000 ? 'backfilled' : undefined,
    });
    return update;
  });
}

/** Fixes the text of an update without moving it in time; the edit is audited. */
export function editUpdateBody(db: Db, updateId: number, body: string, actor: Actor, now: number): UpdateRow {
  return tx(db, () => {
    const before = db.select().from(incidentUpdates).where(eq(incidentUpdates.id, updateId)).get();
    if (!before) throw new NotFoundError(`No update ${updateId}.`);
    const after = db.update(incidentUpdates).set({ body, updatedAt: now }).where(eq(incidentUpdates.id, updateId)).returning().get();
    recordAudit(db, now, actor, 'incident_update.edit', 'incident_update', updateId, { before: { body: before.body }, after: { body } });
    recordChange(db, now, 'incident.updated', 'incident', before.incidentId);
    return after;
  });
}

/** Deletes an incident (admins only; enforced by the caller's permission check): its declarations go with it. */
export function deleteIncident(db: Db, incidentId: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = requireIncident(db, incidentId);
    const ids = incidentComponentIds(db, incidentId);
    db.delete(incidents).where(eq(incidents.id, incidentId)).run();
    syncIncident(db, incidentId, now);
    recordAudit(db, now, actor, 'incident.delete', 'incident', incidentId, { before });
    const gone: IncidentChangePayload = { components: ids, span: { start: before.startedAt, end: before.resolvedAt } };
    recordChange(db, now, 'incident.deleted', 'incident', incidentId, gone);
  });
}

/** Publishes a draft incident (e.g. one opened by a monitor): the statuses its updates declared count from its start. */
export function publishIncident(db: Db, incidentId: number, actor: Actor, now: number): IncidentRow {
  return tx(db, () => {
    const incident = requireIncident(db, incidentId);
    if (!incident.draft) return incident;
    db.update(incidents).set({ draft: false, publishedAt: now, updatedAt: now }).where(eq(incidents.id, incidentId)).run();
    syncIncident(db, incidentId, now);
    recordAudit(db, now, actor, 'incident.publish', 'incident', incidentId);
    const latest = db.select({ id: incidentUpdates.id }).from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.id)).get();
    recordChange(db, now, 'incident.created', 'incident', incidentId, latest ? notice(latest.id, true) : undefined);
    return requireIncident(db, incidentId);
  });
}

/** Saves the post-mortem; publishing stamps the time once, later edits keep it. */
export function savePostmortem(db: Db, incidentId: number, markdown: string, publish: boolean, actor: Actor, now: number): IncidentRow {
  return tx(db, () => {
    const before = requireIncident(db, incidentId);
    const publishedAt = publish ? (before.postmortemPublishedAt ?? now) : null;
    const after = db
      .update(incidents)
      .set({ postmortemMd: markdown, postmortemPublishedAt: publishedAt, postmortemUpdatedAt: now, updatedAt: now })
      .where(eq(incidents.id, incidentId))
      .returning()
      .get();
    recordAudit(db, now, actor, publish ? 'postmortem.publish' : 'postmortem.save', 'incident', incidentId, {
      before: { postmortem: before.postmortemMd, published_at: before.postmortemPublishedAt },
      after: { postmortem: markdown, published_at: publishedAt },
    });
    if (publish || before.postmortemPublishedAt) recordChange(db, now, 'postmortem.published', 'incident', incidentId, { notify: publish && !before.postmortemPublishedAt });
    return after;
  });
}

/** Marks an incident as excluded from SLA figures (with a reason) or includes it again. */
export function setSlaExclusion(db: Db, incidentId: number, excluded: boolean, reason: string | null, actor: Actor, now: number): IncidentRow {
  if (excluded && !reason?.trim()) throw new ValidationError('Give a reason for the exclusion.', { exclusion_reason: 'A reason is required.' });
  return tx(db, () => {
    const before = requireIncident(db, incidentId);
    const after = db
      .update(incidents)
      .set({ excludedFromSla: excluded, exclusionReason: excluded ? reason : null, updatedAt: now })
      .where(eq(incidents.id, incidentId))
      .returning()
      .get();
    recordAudit(db, now, actor, 'incident.sla_exclusion', 'incident', incidentId, {
      before: { excluded: before.excludedFromSla, reason: before.exclusionReason },
      after: { excluded, reason },
    });
    recordChange(db, now, 'incident.updated', 'incident', incidentId);
    return after;
  });
}

export interface EditIncidentInput {
  title?: string;
  impact?: Impact;
  /** The full list of affected components (ids or slugs); absent = unchanged. */
  components?: (number | string)[];
}

/**
 * Changes an incident's title, impact or affected components (audited). An impact change adds a note to the
 * timeline at the time of the edit (a note: it never bounds later backdated updates nor counts as a response); a removed component loses what the incident declared for it, through the declarations model.
 */
export function editIncident(db: Db, incidentId: number, input: EditIncidentInput, actor: Actor, now: number): IncidentRow {
  return tx(db, () => {
    const before = requireIncident(db, incidentId);
    const beforeIds = incidentComponentIds(db, incidentId);
    const nextIds = input.components === undefined ? beforeIds : refIds(db, input.components);
    const removed = beforeIds.filter((c) => !nextIds.includes(c));
    const added = nextIds.filter((c) => !beforeIds.includes(c));
    const after = db
      .update(incidents)
      .set({ title: input.title ?? before.title, impact: input.impact ?? before.impact, updatedAt: now })
      .where(eq(incidents.id, incidentId))
      .returning()
      .get();
    if (removed.length > 0) {
      const updateIds = db.select({ id: incidentUpdates.id }).from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).all().map((u) => u.id);
      for (const c of removed) {
        db.delete(incidentComponents).where(and(eq(incidentComponents.incidentId, incidentId), eq(incidentComponents.componentId, c))).run();
        for (const u of updateIds) db.delete(incidentUpdateComponents).where(and(eq(incidentUpdateComponents.updateId, u), eq(incidentUpdateComponents.componentId, c))).run();
      }
    }
    for (const c of added) db.insert(incidentComponents).values({ incidentId, componentId: c }).run();
    if (after.impact !== before.impact) {
      db.insert(incidentUpdates)
        .values({ incidentId, status: before.status, body: `Impact changed from ${IMPACT_LABELS[before.impact]} to ${IMPACT_LABELS[after.impact]}.`, displayAt: now, kind: 'note', author: actor.name, createdAt: now, updatedAt: now })
        .run();
    }
    syncIncident(db, incidentId, now);
    recordAudit(db, now, actor, 'incident.edit', 'incident', incidentId, {
      before: { title: before.title, impact: before.impact, components: beforeIds },
      after: { title: after.title, impact: after.impact, components: nextIds },
    });
    // A dropped component no longer shows the incident: the change names it, so its pages are purged and re-exported.
    const touched: IncidentChangePayload | undefined = removed.length || added.length ? { components: [...removed, ...added] } : undefined;
    if (!after.draft) recordChange(db, now, 'incident.updated', 'incident', incidentId, touched);
    return after;
  });
}
