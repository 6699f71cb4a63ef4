/** Reads about e-mail subscribers: one subscriber's choice, the admin list and counts, the components one may follow. */
import { asc, desc, eq, like, sql } from 'drizzle-orm';
import { componentGroups, components, mailOutbox, subscriberComponents, subscriberGroups, subscribers } from '../../../db/schema';
import { followedNames } from '../../domain/audience';
import type { Db } from '../db';

export interface SubscriberChoice {
  all: boolean;
  componentIds: number[];
  groupIds: number[];
}

export function emailOf(db: Db, id: number): string | null {
  return db.select({ email: subscribers.email }).from(subscribers).where(eq(subscribers.id, id)).get()?.email ?? null;
}

export function choiceOf(db: Db, id: number): SubscriberChoice | null {
  const row = db.select().from(subscribers).where(eq(subscribers.id, id)).get();
  if (!row) return null;
  return {
    all: row.allComponents,
    componentIds: db.select({ id: subscriberComponents.componentId }).from(subscriberComponents).where(eq(subscriberComponents.subscriberId, id)).all().map((r) => r.id),
    groupIds: db.select({ id: subscriberGroups.groupId }).from(subscriberGroups).where(eq(subscriberGroups.subscriberId, id)).all().map((r) => r.id),
  };
}

export interface SubscribableGroup {
  id: number | null;
  name: string;
  components: { id: number; name: string }[];
}

/** Visible components by group, groups first in their order, then components outside a group. */
export function subscribableComponents(db: Db): SubscribableGroup[] {
  const groups = db.select().from(componentGroups).orderBy(asc(componentGroups.position), asc(componentGroups.id)).all();
  const comps = db.select().from(components).where(eq(components.visible, true)).orderBy(asc(components.position), asc(components.id)).all();
  const out: SubscribableGroup[] = groups.map((g) => ({ id: g.id, name: g.name, components: comps.filter((c) => c.groupId === g.id).map((c) => ({ id: c.id, name: c.name })) }));
  const loose = comps.filter((c) => c.groupId === null || !groups.some((g) => g.id === c.groupId));
  if (loose.length) out.push({ id: null, name: 'Other components', components: loose.map((c) => ({ id: c.id, name: c.name })) });
  return out.filter((g) => g.components.length > 0);
}

/** Names of components and groups by id, for saying what a subscriber follows. */
export function followableNames(db: Db): { components: Map<number, string>; groups: Map<number, string> } {
  return {
    components: new Map(db.select({ id: components.id, name: components.name }).from(components).all().map((c) => [c.id, c.name])),
    groups: new Map(db.select({ id: componentGroups.id, name: componentGroups.name }).from(componentGroups).all().map((g) => [g.id, g.name])),
  };
}

export interface SubscriberListRow {
  id: number;
  email: string;
  status: string;
  all: boolean;
  components: string[];
  createdAt: number;
  lastSentAt: number | null;
}

export function listSubscribers(db: Db, search = '', limit = 500): SubscriberListRow[] {
  const q = db.select().from(subscribers);
  const rows = (search ? q.where(like(subscribers.email, `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)) : q).orderBy(desc(subscribers.createdAt)).limit(limit).all();
  const names = followableNames(db);
  return rows.map((r) => {
    const choice = choiceOf(db, r.id)!;
    // the list shows "all" apart; its components column lists only the chosen ones
    const list = followedNames({ ...choice, all: false }, names);
    return { id: r.id, email: r.email, status: r.status, all: r.allComponents, components: list, createdAt: r.createdAt, lastSentAt: r.lastSentAt };
  });
}

export function subscriberCounts(db: Db): { pending: number; confirmed: number; failed: number; queued: number } {
  const by = db.select({ status: subscribers.status, n: sql<number>`count(*)` }).from(subscribers).groupBy(subscribers.status).all();
  const queued = db.select({ n: sql<number>`count(*)` }).from(mailOutbox).where(eq(mailOutbox.status, 'pending')).get()?.n ?? 0;
  const get = (s: string) => by.find((r) => r.status === s)?.n ?? 0;
  return { pending: get('pending'), confirmed: get('confirmed'), failed: get('failed'), queued };
}
