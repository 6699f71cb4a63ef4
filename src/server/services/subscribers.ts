/** E-mail subscribers: subscribe (double opt-in), confirm, change components, unsubscribe; and the admin's remove and import. */
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { componentGroups, components, subscribeAttempts, subscriberComponents, subscriberGroups, subscribers } from '../../../db/schema';
import { MS_PER_HOUR } from '../../domain/constants';
import { rateLimitKey } from '../../domain/rate-limit-key';
import { tx, type Db } from '../db';
import { NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { confirmMessage, manageMessage, unsubscribeHeaders } from '../mail/compose';
import { confirmUrl, subscriberUrls } from '../mail/links';
import { getSettings } from '../queries/settings';
import { systemActor, type Actor } from './actor';
import { recordAudit } from './journal';
import { enqueueMail } from './mail-outbox';

export type SubscriberRow = typeof subscribers.$inferSelect;

/** What a subscriber follows: everything, or chosen components and whole groups. */
export interface Choice {
  all: boolean;
  componentIds: number[];
  groupIds: number[];
}

export const SUBSCRIBE_LIMITS = { perIpPerHour: 10, perAddressPerHour: 3 } as const;

const BY_SUBSCRIBER = systemActor('subscriber');

function countSince(db: Db, key: string, since: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(subscribeAttempts).where(and(eq(subscribeAttempts.key, key), gt(subscribeAttempts.at, since))).get()?.n ?? 0;
}

/**
 * Counts one request against the per-client limit and each of its addresses' limits (an e-mail address, or a
 * webhook URL); `field` names the form field whose address is over its limit.
 */
export function checkRate(db: Db, addresses: { field: string; address: string }[], ip: string | null, now: number): void {
  const since = now - MS_PER_HOUR;
  const client = ip && `ip:${rateLimitKey(ip)}`;
  if (client && countSince(db, client, since) >= SUBSCRIBE_LIMITS.perIpPerHour) throw new RateLimitedError('Too many subscription requests from your network. Try again in an hour.');
  for (const { field, address } of addresses) {
    const message = 'Too many requests for this address. Try again in an hour.';
    if (countSince(db, `email:${address}`, since) >= SUBSCRIBE_LIMITS.perAddressPerHour) throw new RateLimitedError(message, { [field]: message });
  }
  db.delete(subscribeAttempts).where(lt(subscribeAttempts.at, since)).run();
  if (client) db.insert(subscribeAttempts).values({ key: client, at: now }).run();
  for (const { address } of addresses) db.insert(subscribeAttempts).values({ key: `email:${address}`, at: now }).run();
}

/**
 * Takes one e-mail from a recipient's hourly budget, shared with the subscribe requests naming that address:
 * false (send nothing) once it is spent, so no public form can make this server mail one address more often.
 */
export function takeMailBudget(db: Db, address: string, now: number): boolean {
  if (countSince(db, `email:${address}`, now - MS_PER_HOUR) >= SUBSCRIBE_LIMITS.perAddressPerHour) return false;
  db.insert(subscribeAttempts).values({ key: `email:${address}`, at: now }).run();
  return true;
}

function checkChoice(db: Db, c: Choice, mayBeEmpty = false): Choice {
  if (c.all) return { all: true, componentIds: [], groupIds: [] };
  const componentIds = [...new Set(c.componentIds)];
  const groupIds = [...new Set(c.groupIds)];
  if (componentIds.length === 0 && groupIds.length === 0 && !mayBeEmpty) throw new ValidationError('Choose at least one component, or everything.', { components: 'Choose at least one component, or everything.' });
  const known = componentIds.length ? db.select({ id: components.id }).from(components).where(and(inArray(components.id, componentIds), eq(components.visible, true))).all().length : 0;
  const knownGroups = groupIds.length ? db.select({ id: componentGroups.id }).from(componentGroups).where(inArray(componentGroups.id, groupIds)).all().length : 0;
  if (known !== componentIds.length || knownGroups !== groupIds.length) throw new ValidationError('Choose listed components.', { components: 'Choose listed components.' });
  return { all: false, componentIds, groupIds };
}

function writeChoice(db: Db, id: number, c: Choice): void {
  db.update(subscribers).set({ allComponents: c.all }).where(eq(subscribers.id, id)).run();
  db.delete(subscriberComponents).where(eq(subscriberComponents.subscriberId, id)).run();
  db.delete(subscriberGroups).where(eq(subscriberGroups.subscriberId, id)).run();
  for (const componentId of c.componentIds) db.insert(subscriberComponents).values({ subscriberId: id, componentId }).run();
  for (const groupId of c.groupIds) db.insert(subscriberGroups).values({ subscriberId: id, groupId }).run();
}

/**
 * Starts a subscription: a new or unconfirmed address gets a confirmation link, a confirmed one a manage link.
 * The caller says the same thing in every case, so the form does not reveal who is subscribed.
 */
/** `pageId`: the page subscribed on (null: the default page); a new sign-up on another page moves the address there. */
export function subscribe(db: Db, email: string, choice: Choice, ip: string | null, now: number, pageId: number | null = null): void {
  tx(db, () => {
    checkRate(db, [{ field: 'email', address: email }], ip, now);
    const c = checkChoice(db, choice);
    const pageName = getSettings(db).pageName;
    const existing = db.select().from(subscribers).where(eq(subscribers.email, email)).get();
    if (existing?.status === 'confirmed') {
      const links = subscriberUrls(db, existing.id, now);
      enqueueMail(db, existing.id, `manage:${now}`, email, manageMessage(pageName, links), unsubscribeHeaders(links), now);
      return;
    }
    const row = existing
      ? db.update(subscribers).set({ status: 'pending', hardFailures: 0, createdAt: now, pageId }).where(eq(subscribers.id, existing.id)).returning().get()
      : db.insert(subscribers).values({ email, status: 'pending', createdAt: now, pageId }).returning().get();
    writeChoice(db, row.id, c);
    enqueueMail(db, row.id, `confirm:${now}`, email, confirmMessage(pageName, confirmUrl(db, row.id, now)), {}, now);
    if (!existing) recordAudit(db, now, BY_SUBSCRIBER, 'subscriber.subscribe', 'subscriber', row.id, { after: { all: c.all, components: c.componentIds, groups: c.groupIds } });
  });
}

function requireSubscriber(db: Db, id: number): SubscriberRow {
  const row = db.select().from(subscribers).where(eq(subscribers.id, id)).get();
  if (!row) throw new NotFoundError('This subscription no longer exists.');
  return row;
}

export function confirmSubscriber(db: Db, id: number, now: number): SubscriberRow {
  return tx(db, () => {
    const row = requireSubscriber(db, id);
    if (row.status === 'confirmed') return row;
    const after = db.update(subscribers).set({ status: 'confirmed', confirmedAt: now, hardFailures: 0 }).where(eq(subscribers.id, id)).returning().get();
    recordAudit(db, now, BY_SUBSCRIBER, 'subscriber.confirm', 'subscriber', id);
    return after;
  });
}

export function changeChoice(db: Db, id: number, choice: Choice, now: number, actor: Actor = BY_SUBSCRIBER): void {
  tx(db, () => {
    requireSubscriber(db, id);
    const c = checkChoice(db, choice);
    writeChoice(db, id, c);
    recordAudit(db, now, actor, 'subscriber.change', 'subscriber', id, { after: { all: c.all, components: c.componentIds, groups: c.groupIds } });
  });
}

/** Deletes the address and everything queued for it (the outbox rows cascade). */
export function removeSubscriber(db: Db, id: number, now: number, actor: Actor = BY_SUBSCRIBER): void {
  tx(db, () => {
    const row = db.select().from(subscribers).where(eq(subscribers.id, id)).get();
    if (!row) return;
    db.delete(subscribers).where(eq(subscribers.id, id)).run();
    recordAudit(db, now, actor, actor === BY_SUBSCRIBER ? 'subscriber.unsubscribe' : 'subscriber.remove', 'subscriber', id);
  });
}

/** Sends a pending subscriber a fresh confirmation link (an operator's "resend"); within the address's hourly limit. */
export function resendConfirmation(db: Db, id: number, actor: Actor, now: number): SubscriberRow {
  return tx(db, () => {
    const row = requireSubscriber(db, id);
    if (row.status !== 'pending') throw new ValidationError('Only a subscriber waiting for confirmation can be sent the link again.', { subscriber_id: `This subscriber is ${row.status}.` });
    checkRate(db, [{ field: 'email', address: row.email }], null, now);
    enqueueMail(db, row.id, `confirm:${now}`, row.email, confirmMessage(getSettings(db).pageName, confirmUrl(db, row.id, now)), {}, now);
    recordAudit(db, now, actor, 'subscriber.resend', 'subscriber', row.id);
    return row;
  });
}

/** Adds addresses an operator vouches for as confirmed (an import from another tool); existing ones are left as they are. */
export function importSubscribers(db: Db, rows: { email: string; componentIds: number[] }[], actor: Actor, now: number): { added: number; skipped: number } {
  return tx(db, () => {
    // components checked once for the file, statements prepared once: an import may hold 150,000 lines
    checkChoice(db, { all: false, componentIds: rows.flatMap((r) => r.componentIds), groupIds: [] }, true);
    const insert = db.$client.prepare("INSERT OR IGNORE INTO subscribers (email, status, all_components, created_at, confirmed_at) VALUES (?, 'confirmed', ?, ?, ?)");
    const follow = db.$client.prepare('INSERT OR IGNORE INTO subscriber_components (subscriber_id, component_id) VALUES (?, ?)');
    let added = 0;
    for (const r of rows) {
      const componentIds = [...new Set(r.componentIds)];
      const res = insert.run(r.email, componentIds.length === 0 ? 1 : 0, now, now);
      if (res.changes !== 1) continue;
      for (const componentId of componentIds) follow.run(res.lastInsertRowid, componentId);
      added++;
    }
    recordAudit(db, now, actor, 'subscriber.import', 'subscriber', null, { note: `${added} added, ${rows.length - added} already present` });
    return { added, skipped: rows.length - added };
  });
}
