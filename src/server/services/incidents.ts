/** Incident workflow: create, update (with reopen and release), edit, delete, post-mortem, SLA exclusion. */
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { components, incidentComponents, incidentUpdateComponents, incidentUpdates, incidents } from '../../../db/schema';
import type { ComponentStatus, Impact, IncidentStatus } from '../../domain/enums';
import { applyUpdate, initialState, LifecycleError, releaseOnResolve, type Hold } from '../../domain/incident';
import { tx, type Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import type { Actor } from './actor';
import { requireComponent } from './components';
import { recordAudit, recordChange } from './journal';
import { invalidateSla } from './sla';
import { refreshStatus } from './status-core';

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
  draft?: boolean;
}

export interface PostUpdateInput {
  status: IncidentStatus;
  body: string;
  components?: Record<string, ComponentStatus>;
  displayAt?: number | null;
  formToken?: string | null;
}

export function requireIncident(db: Db, id: number): IncidentRow {
  const i = db.select().from(incidents).where(eq(incidents.id, id)).get();
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

/** Sets the given components' declared statuses from `at`, recording old/new on the update. */
function applyComponentStatuses(db: Db, updateId: number, incidentId: number, statuses: Map<number, ComponentStatus | null>, at: number, now: number, actor: Actor): void {
  for (const [componentId, status] of statuses) {
    const before = requireComponent(db, componentId);
    db.update(components).set({ manualStatus: status }).where(eq(components.id, componentId)).run();
    const { next } = refreshStatus(db, componentId, at, now, { source: 'incident', incidentId, actor: actor.name });
    db.insert(incidentUpdateComponents).values({ updateId, componentId, oldStatus: before.status, newStatus: next }).onConflictDoNothing().run();
  }
}

/** Statuses other open incidents still declare for these components (rule 7). */
function otherHolds(db: Db, incidentId: number, componentIds: number[]): Hold[] {
  if (componentIds.length === 0) return [];
  const rows = db
    .select({ componentId: incidentUpdateComponents.componentId, status: incidentUpdateComponents.newStatus, updateId: incidentUpdates.id, incidentId: incidents.id })
    .from(incidentUpdateComponents)
    .innerJoin(incidentUpdates, eq(incidentUpdates.id, incidentUpdateComponents.updateId))
    .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
    .where(and(ne(incidents.id, incidentId), ne(incidents.status, 'resolved'), eq(incidents.draft, false), inArray(incidentUpdateComponents.componentId, componentIds)))
    .orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.id))
    .all();
  const seen = new Set<string>();
  const holds: Hold[] = [];
  for (const r of rows) {
    // The latest status each other incident declares; releaseOnResolve keeps the worst of them.
    const k = `${r.incidentId}:${r.componentId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    if (r.status !== 'operational' && r.status !== 'under_maintenance') holds.push({ componentId: r.componentId, status: r.status });
  }
  return holds;
}

function incidentComponentIds(db: Db, incidentId: number): number[] {
  return db.select({ id: incidentComponents.componentId }).from(incidentComponents).where(eq(incidentComponents.incidentId, incidentId)).all().map((r) => r.id);
}

/** Opens an incident with its first update and component statuses in one transaction. Idempotent per form token. */
export function createIncident(db: Db, input: CreateIncidentInput, actor: Actor, now: number): IncidentRow {
  return tx(db, () => {
    if (input.formToken) {
      const dup = db.select().from(incidents).where(eq(incidents.formToken, input.formToken)).get();
      if (dup) return dup;
    }
    const startedAt = input.startedAt ?? now;
    if (startedAt > now + 1000) throw new ValidationError('The start time cannot be in the future.', { started_at: 'Use a time in the past.' });
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
    if (!incident.draft) {
      const declared = next.status === 'resolved' ? releaseOnResolve([...statuses.keys()], otherHolds(db, incident.id, [...statuses.keys()])) : statuses;
      applyComponentStatuses(db, update.id, incident.id, declared, startedAt, now, actor);
      recordChange(db, now, next.status === 'resolved' ? 'incident.resolved' : 'incident.created', 'incident', incident.id);
    } else {
      // Kept on the first update so publishing declares what was chosen (or what the monitor saw).
      for (const [id, status] of statuses) db.insert(incidentUpdateComponents).values({ updateId: update.id, componentId: id, oldStatus: requireComponent(db, id).status, newStatus: status }).run();
    }
    recordAudit(db, now, actor, 'incident.create', 'incident', incident.id, {
      after: { ...incident, body: input.body, components: Object.fromEntries(statuses) },
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
    const last = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.id)).get();
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
    if (!incident.draft) {
      let declared: Map<number, ComponentStatus | null> = given;
      if (next.status === 'resolved') {
        const ids = incidentComponentIds(db, incidentId);
        declared = releaseOnResolve(ids, otherHolds(db, incidentId, ids));
      }
      applyComponentStatuses(db, update.id, incidentId, declared, displayAt, now, actor);
      recordChange(db, now, resolved ? 'incident.resolved' : 'incident.updated', 'incident', incidentId);
    }
    recordAudit(db, now, actor, reopened ? 'incident.reopen' : 'incident.update', 'incident', incidentId, {
      before: { status: incident.status },
      after: { status: next.status, update_id: update.id, body: input.body, components: Object.fromEntries(given) },
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

/** Deletes an incident (admins only; enforced by the caller's permission check) and releases its components. */
export function deleteIncident(db: Db, incidentId: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = requireIncident(db, incidentId);
    const ids = incidentComponentIds(db, incidentId);
    const release = before.status !== 'resolved' && !before.draft ? releaseOnResolve(ids, otherHolds(db, incidentId, ids)) : new Map();
    db.delete(incidents).where(eq(incidents.id, incidentId)).run();
    if (before.excludedFromSla) invalidateSla(db, ids, before.startedAt, before.resolvedAt ?? now, now, `SLA-excluded incident ${incidentId} deleted`);
    for (const [componentId, status] of release) {
      db.update(components).set({ manualStatus: status }).where(eq(components.id, componentId)).run();
      refreshStatus(db, componentId, now, now, { source: 'manual', actor: actor.name });
    }
    recordAudit(db, now, actor, 'incident.delete', 'incident', incidentId, { before });
    recordChange(db, now, 'incident.deleted', 'incident', incidentId);
  });
}

/** Publishes a draft incident (e.g. one opened by a monitor), applying its component statuses from its start. */
export function publishIncident(db: Db, incidentId: number, actor: Actor, now: number): IncidentRow {
  return tx(db, () => {
    const incident = requireIncident(db, incidentId);
    if (!incident.draft) return incident;
    db.update(incidents).set({ draft: false, updatedAt: now }).where(eq(incidents.id, incidentId)).run();
    const first = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).orderBy(incidentUpdates.displayAt).get();
    const ids = incidentComponentIds(db, incidentId);
    const declared = first ? db.select().from(incidentUpdateComponents).where(eq(incidentUpdateComponents.updateId, first.id)).all() : [];
    const statusOf = new Map(declared.map((r) => [r.componentId, r.newStatus]));
    // Drafts saved before statuses were kept on the first update fall back to major outage.
    const map = new Map<number, ComponentStatus | null>(ids.map((id) => [id, statusOf.get(id) ?? 'major_outage']));
    if (first) {
      db.delete(incidentUpdateComponents).where(eq(incidentUpdateComponents.updateId, first.id)).run();
      applyComponentStatuses(db, first.id, incidentId, map, incident.startedAt, now, actor);
    }
    recordAudit(db, now, actor, 'incident.publish', 'incident', incidentId);
    recordChange(db, now, 'incident.created', 'incident', incidentId);
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
    if (publish || before.postmortemPublishedAt) recordChange(db, now, 'postmortem.published', 'incident', incidentId);
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
    invalidateSla(db, incidentComponentIds(db, incidentId), before.startedAt, before.resolvedAt ?? now, now, `SLA exclusion of incident ${incidentId} changed by ${actor.name}`);
    recordAudit(db, now, actor, 'incident.sla_exclusion', 'incident', incidentId, {
      before: { excluded: before.excludedFromSla, reason: before.exclusionReason },
      after: { excluded, reason },
    });
    recordChange(db, now, 'incident.updated', 'incident', incidentId);
    return after;
  });
}
