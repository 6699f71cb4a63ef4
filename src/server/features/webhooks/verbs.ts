/** Webhook subscriber verbs: the admin's; and the public subscribe, and confirm/unsubscribe holding a signed link. */
import * as hooks from '../../services/webhook-subscriptions';
import * as webhooks from '../../services/webhooks';
import { subscriberOfLink } from '../subscribers/verbs';
import { defineVerb } from '../verb';
import { WebhookAdd, WebhookEdit, WebhookLink, WebhookRef, WebhookSubscribe } from './schemas';

export const addWebhook = defineVerb('webhook.add', 'webhook.add', WebhookAdd, (ctx, d) => webhooks.addSubscriber(ctx.db, d, ctx.actor, ctx.now));

export const editWebhook = defineVerb('webhook.update', 'webhook.update', WebhookEdit, (ctx, d) => webhooks.editSubscriber(ctx.db, d.webhook_id, d, ctx.actor, ctx.now));

export const removeWebhook = defineVerb('webhook.remove', 'webhook.remove', WebhookRef, (ctx, d) => webhooks.removeSubscriber(ctx.db, d.webhook_id, ctx.actor, ctx.now));

export const sendTestWebhook = defineVerb('webhook.test', 'webhook.test', WebhookRef, (ctx, d) => webhooks.queueTestMessage(ctx.db, d.webhook_id, ctx.actor, ctx.now));

export const enableWebhook = defineVerb('webhook.enable', 'webhook.enable', WebhookRef, (ctx, d) => webhooks.enableSubscriber(ctx.db, d.webhook_id, ctx.actor, ctx.now));

export const subscribeWebhook = defineVerb('webhook.subscribe', 'webhook.subscribe', WebhookSubscribe, (ctx, d) => hooks.subscribeWebhook(ctx.db, d, ctx.actor.ip ?? null, ctx.now));

export const confirmWebhook = defineVerb('webhook.confirm', 'webhook.confirm', WebhookLink, (ctx, d) => hooks.confirmWebhookSubscriber(ctx.db, subscriberOfLink(ctx, 'webhook-confirm', d.token), ctx.now));

export const unsubscribeWebhook = defineVerb('webhook.unsubscribe', 'webhook.unsubscribe', WebhookLink, (ctx, d) => hooks.unsubscribeWebhook(ctx.db, subscriberOfLink(ctx, 'webhook-unsubscribe', d.token), ctx.now));
