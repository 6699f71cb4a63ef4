/** Components and groups: named verbs, one transaction each. */
import { and, asc, eq, max, ne, sql } from 'drizzle-orm';
import { componentGroups, components } from '../../../db/schema';
import { DEFAULT_COMPONENT_TARGET } from '../../domain/constants';
import type { ComponentStatus } from '../../domain/enums';
import { numberedSlug, slugify } from '../../domain/slug';
import { tx, type Db } from '../db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from './actor';
import { recordAudit, recordChange } from './journal';
import { declareFrom } from './declarations';
import { openFirstInterval } from './status-core';

export type ComponentRow = typeof components.$inferSelect;
export type GroupRow = typeof componentGroups.$inferSelect;

function uniqueSlug(db: Db, base: string, exceptId?: number): string {
  let slug = base;
  for (let i = 2; ; i++) {
    const clash = db
      .select({ id: components.id })
      .from(components)
      .where(exceptId ? and(eq(components.slug, slug), ne(components.id, exceptId)) : eq(components.slug, slug))
      .get();
    if (!clash) return slug;
    slug = numberedSlug(base, i);
  }
}

export function findComponent(db: Db, idOrSlug: string | number): ComponentRow | undefined {
  const asId = typeof idOrSlug === 'number' ? idOrSlug : /^\d+$/.test(idOrSlug) ? Number(idOrSlug) : null;
  if (asId !== null) {
    const byId = db.select().from(components).where(eq(components.id, asId)).get();
    if (byId) return byId;
  }
  return db.select().from(components).where(eq(components.slug, String(idOrSlug))).get();
}

export function requireComponent(db: Db, idOrSlug: string | number): ComponentRow {
  const c = findComponent(db, idOrSlug);
  if (!c) throw new NotFoundError(`No component "${idOrSlug}".`);
  return c;
}

function requireGroup(db: Db, id: number): GroupRow {
  const g = db.select().from(componentGroups).where(eq(componentGroups.id, id)).get();
  if (!g) throw new ValidationError('That group does not exist.', { group_id: 'Choose an existing group.' });
  return g;
}

export interface GroupInput {
  name: string;
  description?: string | null;
  collapsed?: boolean;
}

export function createGroup(db: Db, input: GroupInput, actor: Actor, now: number): GroupRow {
  return tx(db, () => {
    const pos = db.select({ m: max(componentGroups.position) }).from(componentGroups).get()?.m ?? -1;
    const g = db
      .insert(componentGroups)
      .values({ name: input.name, description: input.description ?? null, collapsed: input.collapsed ?? false, position: pos + 1, createdAt: now, updatedAt: now })
      .returning()
      .get();
    recordAudit(db, now, actor, 'group.create', 'group', g.id, { after: g });
    recordChange(db, now, 'component.updated', 'group', g.id);
    return g;
  });
}

export function updateGroup(db: Db, id: number, input: Partial<GroupInput>, actor: Actor, now: number): GroupRow {
  return tx(db, () => {
    const before = requireGroup(db, id);
    const g = db.update(componentGroups).set({ ...input, updatedAt: now }).where(eq(componentGroups.id, id)).returning().get();
    recordAudit(db, now, actor, 'group.update', 'group', id, { before, after: g });
    recordChange(db, now, 'component.updated', 'group', id);
    return g;
  });
}

export function deleteGroup(db: Db, id: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = requireGroup(db, id);
    db.delete(componentGroups).where(eq(componentGroups.id, id)).run();
    recordAudit(db, now, actor, 'group.delete', 'group', id, { before });
    recordChange(db, now, 'component.updated', 'group', id);
  });
}

export interface ComponentInput {
  name: string;
  slug?: string | null;
  description?: string | null;
  groupId?: number | null;
  target?: number;
  visible?: boolean;
  /** Show uptime bars (default true). */
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  startDate?: number | null;
}

export function createComponent(db: Db, input: ComponentInput, actor: Actor, now: number): ComponentRow {
  if (input.startDate != null && input.startDate > now) {
    throw new ValidationError('The start date cannot be in the future.', { start_date: 'Use a date in the past or leave empty.' });
  }
  return tx(db, () => {
    if (input.groupId != null) requireGroup(db, input.groupId);
    const slug = input.slug ? input.slug : uniqueSlug(db, slugify(input.name));
    if (input.slug && findComponent(db, input.slug)) throw new ConflictError('That slug is taken.', { slug: 'Choose another slug.' });
    const pos = db.select({ m: max(components.position) }).from(components).get()?.m ?? -1;
    const startDate = input.startDate ?? now;
    const c = db
      .insert(components)
      .values({
        name: input.name,
        slug,
        description: input.description ?? null,
        groupId: input.groupId ?? null,
        target: input.target ?? DEFAULT_COMPONENT_TARGET,
        visible: input.visible ?? true,
        showcase: input.showcase ?? true,
        onlyShowIfDegraded: input.onlyShowIfDegraded ?? false,
        position: pos + 1,
        startDate,
        statusChangedAt: startDate,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    openFirstInterval(db, c.id, startDate, 'operational');
    recordAudit(db, now, actor, 'component.create', 'component', c.id, { after: c, note: startDate < now ? 'backfilled start date' : undefined });
    recordChange(db, now, 'component.updated', 'component', c.id);
    return c;
  });
}

export function updateComponent(db: Db, id: number, input: Partial<ComponentInput>, actor: Actor, now: number): ComponentRow {
  return tx(db, () => {
    const before = requireComponent(db, id);
    if (input.groupId != null) requireGroup(db, input.groupId);
    if (input.slug && input.slug !== before.slug && findComponent(db, input.slug)) {
      throw new ConflictError('That slug is taken.', { slug: 'Choose another slug.' });
    }
    const { startDate: _ignored, slug, ...rest } = input;
    const c = db.update(components).set({ ...rest, ...(slug ? { slug } : {}), updatedAt: now }).where(eq(components.id, id)).returning().get();
    recordAudit(db, now, actor, 'component.update', 'component', id, { before, after: c });
    recordChange(db, now, 'component.updated', 'component', id);
    return c;
  });
}

export function deleteComponent(db: Db, id: number, actor: Actor, now: number): void {
  tx(db, () => {
    const before = requireComponent(db, id);
    db.delete(components).where(eq(components.id, id)).run();
    recordAudit(db, now, actor, 'component.delete', 'component', id, { before });
    recordChange(db, now, 'component.updated', 'component', id);
  });
}

/** Moves a component one place up or down within its group. */
export function moveComponent(db: Db, id: number, direction: 'up' | 'down', actor: Actor, now: number): void {
  tx(db, () => {
    const c = requireComponent(db, id);
    const siblings = db
      .select()
      .from(components)
      .where(c.groupId === null ? sql`${components.groupId} IS NULL` : eq(components.groupId, c.groupId))
      .orderBy(asc(components.position), asc(components.id))
      .all();
    const i = siblings.findIndex((s) => s.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= siblings.length) return;
    [siblings[i], siblings[j]] = [siblings[j], siblings[i]];
    siblings.forEach((s, pos) => db.update(components).set({ position: pos }).where(eq(components.id, s.id)).run());
    recordAudit(db, now, actor, 'component.move', 'component', id, { note: direction });
    recordChange(db, now, 'component.updated', 'component', id);
  });
}

/** Sets a component's status by hand from now (null = hand it back to the monitors): the operator's declaration. */
export function setComponentStatus(db: Db, id: number, status: ComponentStatus | null, actor: Actor, now: number): ComponentRow {
  return tx(db, () => {
    const before = requireComponent(db, id);
    db.update(components).set({ manualStatus: status }).where(eq(components.id, id)).run();
    declareFrom(db, id, 'manual', status, now);
    const after = requireComponent(db, id);
    recordAudit(db, now, actor, 'component.status', 'component', id, {
      before: { manual_status: before.manualStatus, status: before.status },
      after: { manual_status: after.manualStatus, status: after.status },
    });
    return after;
  });
}
