/** Webhook subscribers: add (with a generated signing secret), remove, re-enable. */
import { and, eq, inArray } from 'drizzle-orm';
import { componentGroups, components, webhookDeliveries, webhookSubscriberComponents, webhookSubscriberGroups, webhookSubscribers } from '../../../db/schema';
import { channelBody, testChatFacts } from '../../domain/chat-messages';
import type { WebhookFormat } from '../../domain/enums';
import { TEST_CHANGE_ID, testMessageText, testWebhook } from '../../domain/webhook';
import { getConfig } from '../config';
import { tx, type Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import type { TargetPolicy } from '../../domain/target-policy';
import { checkHost, targetPolicyOf } from '../net/target-policy';
import { pageIdentity } from '../queries/identity';
import { getSettings } from '../queries/settings';
import { spStatus } from '../queries/statuspage';
import { selectionOf } from '../queries/webhooks';
import { newWebhookSecret } from '../webhooks/sign';
import type { Actor } from './actor';
import { recordAudit } from './journal';

export type SubscriberRow = typeof webhookSubscribers.$inferSelect;

/** Checks a subscriber URL: absolute http(s), no credentials, not an address the target policy refuses. */
export function parseWebhookUrl(raw: string, policy: TargetPolicy): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new ValidationError('Enter an absolute URL.', { url: 'Enter an absolute URL such as https://example.com/hooks/status.' });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ValidationError('Use an http or https URL.', { url: 'Use an http or https URL.' });
  if (u.username || u.password) throw new ValidationError('Leave credentials out of the URL.', { url: 'Leave credentials out of the URL; verify the signature instead.' });
  const refused = checkHost(u.hostname, policy);
  if (refused) throw new ValidationError('That address is not allowed.', { url: `${refused.replace(/^refused/, 'Refused')}.` });
  return u.href;
}

export interface SubscriberInput {
  url: string;
  description?: string | null;
  format?: WebhookFormat;
  components?: number[];
  groups?: number[];
}

function checkSelection(db: Db, componentIds: number[], groupIds: number[]): void {
  const known = componentIds.length ? db.select({ id: components.id }).from(components).where(and(inArray(components.id, componentIds))).all().length : 0;
  const knownGroups = groupIds.length ? db.select({ id: componentGroups.id }).from(componentGroups).where(inArray(componentGroups.id, groupIds)).all().length : 0;
  if (known !== componentIds.length || knownGroups !== groupIds.length) throw new ValidationError('Choose listed components.', { components: 'Choose listed components.' });
}

export function addSubscriber(db: Db, input: SubscriberInput, actor: Actor, now: number): SubscriberRow {
  const url = parseWebhookUrl(input.url, targetPolicyOf(getSettings(db)));
  const componentIds = [...new Set(input.components ?? [])];
  const groupIds = [...new Set(input.groups ?? [])];
  return tx(db, () => {
    checkSelection(db, componentIds, groupIds);
    const all = componentIds.length === 0 && groupIds.length === 0;
    const row = db.insert(webhookSubscribers).values({ url, secret: newWebhookSecret(), description: input.description?.trim() || null, format: input.format ?? 'statuspage', allComponents: all, createdAt: now }).returning().get();
    for (const componentId of componentIds) db.insert(webhookSubscriberComponents).values({ subscriberId: row.id, componentId }).run();
    for (const groupId of groupIds) db.insert(webhookSubscriberGroups).values({ subscriberId: row.id, groupId }).run();
    recordAudit(db, now, actor, 'webhook.add', 'webhook_subscriber', row.id, { after: { url, description: row.description, format: row.format, components: componentIds, groups: groupIds } });
    return row;
  });
}

/** Renames a channel and replaces the components and groups it follows (none = everything). */
export function editSubscriber(db: Db, id: number, input: Pick<SubscriberInput, 'description' | 'components' | 'groups'>, actor: Actor, now: number): SubscriberRow {
  const componentIds = [...new Set(input.components ?? [])];
  const groupIds = [...new Set(input.groups ?? [])];
  return tx(db, () => {
    const before = requireSubscriber(db, id);
    checkSelection(db, componentIds, groupIds);
    const was = selectionOf(db, id);
    db.delete(webhookSubscriberComponents).where(eq(webhookSubscriberComponents.subscriberId, id)).run();
    db.delete(webhookSubscriberGroups).where(eq(webhookSubscriberGroups.subscriberId, id)).run();
    for (const componentId of componentIds) db.insert(webhookSubscriberComponents).values({ subscriberId: id, componentId }).run();
    for (const groupId of groupIds) db.insert(webhookSubscriberGroups).values({ subscriberId: id, groupId }).run();
    const all = componentIds.length === 0 && groupIds.length === 0;
    const row = db.update(webhookSubscribers).set({ description: input.description?.trim() || null, allComponents: all }).where(eq(webhookSubscribers.id, id)).returning().get();
    recordAudit(db, now, actor, 'webhook.update', 'webhook_subscriber', id, { before: { description: before.description, ...was }, after: { description: row.description, components: componentIds, groups: groupIds } });
    return row;
  });
}

export function removeSubscriber(db: Db, id: number, actor: Actor, now: number): void {
  tx(db, () => {
    const row = requireSubscriber(db, id);
    db.delete(webhookSubscribers).where(eq(webhookSubscribers.id, id)).run();
    recordAudit(db, now, actor, 'webhook.remove', 'webhook_subscriber', id, { before: { url: row.url, description: row.description } });
  });
}

/** Turns a disabled subscriber back on; its failure clock starts afresh. */
export function enableSubscriber(db: Db, id: number, actor: Actor, now: number): SubscriberRow {
  return tx(db, () => {
    requireSubscriber(db, id);
    const row = db.update(webhookSubscribers).set({ enabled: true, disabledReason: null, failingSince: null }).where(eq(webhookSubscribers.id, id)).returning().get();
    recordAudit(db, now, actor, 'webhook.enable', 'webhook_subscriber', id);
    return row;
  });
}

/**
 * Queues a test message to one channel in its own format (Statuspage JSON, or the chat service's message), signed
 * like every delivery. The worker sends it within a second and once only: its outcome shows among the recent
 * deliveries, and a failed test neither retries nor counts towards disabling the channel.
 */
export function queueTestMessage(db: Db, id: number, actor: Actor, now: number): { deliveryId: number } {
  return tx(db, () => {
    const sub = requireSubscriber(db, id);
    if (!sub.enabled) throw new ValidationError('This channel is disabled: enable it, then send a test.');
    if (sub.source === 'public' && sub.confirmedAt === null) throw new ValidationError('This endpoint has not confirmed its subscription yet: it gets nothing until it does.');
    const pageName = getSettings(db).pageName;
    const siteUrl = getConfig().siteUrl;
    const body = channelBody(
      sub.format,
      () => testWebhook({ pageId: pageIdentity(db, now).pageId, status: spStatus(db), siteUrl, now }, pageName),
      () => testChatFacts(pageName, testMessageText(pageName), siteUrl, now),
    );
    const row = db
      .insert(webhookDeliveries)
      .values({ subscriberId: id, changeId: TEST_CHANGE_ID, payload: body, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now })
      .returning({ id: webhookDeliveries.id })
      .get();
    recordAudit(db, now, actor, 'webhook.test', 'webhook_subscriber', id, { note: sub.url });
    return { deliveryId: row.id };
  });
}

function requireSubscriber(db: Db, id: number): SubscriberRow {
  const row = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, id)).get();
  if (!row) throw new NotFoundError(`No webhook subscriber ${id}.`);
  return row;
}
