/**
 * Public webhook subscriptions: subscribe, confirm (by the signed link only the endpoint receives), unsubscribe;
 * and the failure notice, the one e-mail they cause. The handshake is in docs/webhooks.md.
 */
import { and, eq } from 'drizzle-orm';
import { webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import { confirmWebhook } from '../../domain/webhook';
import { getConfig } from '../config';
import { tx, type Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { webhookDisabledMessage } from '../mail/compose';
import { webhookUrls } from '../mail/links';
import { publicTargetPolicyOf } from '../net/target-policy';
import { getSettings } from '../queries/settings';
import { spStatus } from '../queries/statuspage';
import { pageIdentity } from '../queries/identity';
import { newWebhookSecret } from '../webhooks/sign';
import { systemActor } from './actor';
import { recordAudit } from './journal';
import { enqueueMail } from './mail-outbox';
import { checkRate, takeMailBudget } from './subscribers';
import { parseWebhookUrl, type SubscriberRow } from './webhooks';

const BY_SUBSCRIBER = systemActor('subscriber');
const mailOn = () => getConfig().smtpUrl !== null;

/** Queues the signed confirmation POST: the link is in its body alone, so only who reads the endpoint can confirm. */
function queueConfirmation(db: Db, sub: SubscriberRow, now: number): void {
  const urls = webhookUrls(db, sub.id, now);
  const payload = confirmWebhook({ pageId: pageIdentity(db, now).pageId, status: spStatus(db), siteUrl: getConfig().siteUrl, now }, urls.confirm, sub.secret);
  db.insert(webhookDeliveries).values({ subscriberId: sub.id, changeId: 0, payload: JSON.stringify(payload), status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now }).run();
}

/**
 * Starts a public subscription: a new, unconfirmed or disabled endpoint is (re)set to unconfirmed; a live one keeps
 * its state and failure address. Every case sends a confirmation, so the form does not reveal what is subscribed.
 */
export function subscribeWebhook(db: Db, input: { url: string; email?: string | null }, ip: string | null, now: number): void {
  const email = input.email ?? null;
  if (mailOn() && !email) throw new ValidationError('Enter an e-mail address for failure notices.', { email: 'Enter an e-mail address for failure notices.' });
  const url = parseWebhookUrl(input.url, publicTargetPolicyOf(getSettings(db)));
  tx(db, () => {
    checkRate(db, [{ field: 'url', address: url }, ...(email ? [{ field: 'email', address: email }] : [])], ip, now);
    const existing = db.select().from(webhookSubscribers).where(and(eq(webhookSubscribers.source, 'public'), eq(webhookSubscribers.url, url))).get();
    let row: SubscriberRow;
    if (existing && existing.enabled && existing.confirmedAt !== null) row = existing;
    else if (existing) row = db.update(webhookSubscribers).set({ email, enabled: true, disabledReason: null, failingSince: null, confirmedAt: null, createdAt: now }).where(eq(webhookSubscribers.id, existing.id)).returning().get();
    else {
      row = db.insert(webhookSubscribers).values({ url, secret: newWebhookSecret(), source: 'public', email, createdAt: now }).returning().get();
      recordAudit(db, now, BY_SUBSCRIBER, 'webhook.subscribe', 'webhook_subscriber', row.id, { after: { url } });
    }
    queueConfirmation(db, row, now);
  });
}

function requireSubscriber(db: Db, id: number): SubscriberRow {
  const row = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, id)).get();
  if (!row) throw new NotFoundError('This webhook subscription no longer exists.');
  return row;
}

export function confirmWebhookSubscriber(db: Db, id: number, now: number): void {
  tx(db, () => {
    const row = requireSubscriber(db, id);
    if (row.confirmedAt !== null) return;
    db.update(webhookSubscribers).set({ confirmedAt: now }).where(eq(webhookSubscribers.id, id)).run();
    recordAudit(db, now, BY_SUBSCRIBER, 'webhook.confirm', 'webhook_subscriber', id);
  });
}

/** meta.unsubscribe: removes the subscriber and its queued deliveries (admin-created ones too). */
export function unsubscribeWebhook(db: Db, id: number, now: number): void {
  tx(db, () => {
    const row = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, id)).get();
    if (!row) return;
    db.delete(webhookSubscribers).where(eq(webhookSubscribers.id, id)).run();
    recordAudit(db, now, BY_SUBSCRIBER, 'webhook.unsubscribe', 'webhook_subscriber', id, { before: { url: row.url, source: row.source } });
  });
}

/** Inside the transaction that disables a subscriber: tells a public one's failure address, within its e-mail budget. */
export function noticeDisabled(db: Db, sub: SubscriberRow, reason: string, now: number): void {
  if (sub.source !== 'public' || !sub.email || !mailOn()) return;
  if (!takeMailBudget(db, sub.email, now)) return recordAudit(db, now, systemActor('system'), 'webhook.notice_skipped', 'webhook_subscriber', sub.id, { note: 'failure address over its hourly e-mail limit' });
  const msg = webhookDisabledMessage(getSettings(db).pageName, sub.url, reason, `${getConfig().siteUrl}/subscribe?via=webhook`);
  enqueueMail(db, null, `webhook-disabled:${sub.id}:${now}`, sub.email, msg, {}, now);
}
