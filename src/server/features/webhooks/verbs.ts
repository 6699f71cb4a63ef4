/** Webhook subscriber verbs: admins only. */
import * as webhooks from '../../services/webhooks';
import { defineVerb } from '../verb';
import { WebhookAdd, WebhookRef } from './schemas';

export const addWebhook = defineVerb('webhook.add', 'webhook.add', WebhookAdd, (ctx, d) => webhooks.addSubscriber(ctx.db, d, ctx.actor, ctx.now));

export const removeWebhook = defineVerb('webhook.remove', 'webhook.remove', WebhookRef, (ctx, d) => webhooks.removeSubscriber(ctx.db, d.webhook_id, ctx.actor, ctx.now));

export const enableWebhook = defineVerb('webhook.enable', 'webhook.enable', WebhookRef, (ctx, d) => webhooks.enableSubscriber(ctx.db, d.webhook_id, ctx.actor, ctx.now));
