/** Subscriber verbs: the public ones (anyone, holding a signed link where it matters) and the admin's. */
import { ValidationError } from '../../errors';
import { verifyLink, type LinkPurpose } from '../../mail/links';
import * as subs from '../../services/subscribers';
import { defineVerb, type VerbContext } from '../verb';
import { parseSubscriberCsv } from './csv';
import { Confirm, Manage, Subscribe, SubscriberImport, SubscriberRef, Unsubscribe } from './schemas';

const choiceOf = (d: { components: number[]; groups: number[] }): subs.Choice => ({ all: d.components.length + d.groups.length === 0, componentIds: d.components, groupIds: d.groups });

/** The subscriber a signed link names; an invalid or expired link is a 400 the page explains. */
export function subscriberOfLink(ctx: VerbContext, purpose: LinkPurpose, token: string): number {
  const id = verifyLink(ctx.db, purpose, token, ctx.now);
  if (id === null) throw new ValidationError('This link is not valid or has expired. Subscribe again to get a new one.');
  return id;
}

export const subscribe = defineVerb('subscriber.subscribe', 'subscriber.subscribe', Subscribe, (ctx, d) => subs.subscribe(ctx.db, d.email, choiceOf(d), ctx.actor.ip ?? null, ctx.now, ctx.page && !ctx.page.isDefault ? ctx.page.id : null));

export const confirmSubscription = defineVerb('subscriber.confirm', 'subscriber.confirm', Confirm, (ctx, d) => subs.confirmSubscriber(ctx.db, subscriberOfLink(ctx, 'confirm', d.token), ctx.now));

export const manageSubscription = defineVerb('subscriber.manage', 'subscriber.manage', Manage, (ctx, d) => subs.changeChoice(ctx.db, subscriberOfLink(ctx, 'manage', d.token), choiceOf(d), ctx.now));

export const unsubscribe = defineVerb('subscriber.unsubscribe', 'subscriber.unsubscribe', Unsubscribe, (ctx, d) => subs.removeSubscriber(ctx.db, subscriberOfLink(ctx, 'manage', d.token), ctx.now));

export const removeSubscriber = defineVerb('subscriber.remove', 'subscriber.remove', SubscriberRef, (ctx, d) => subs.removeSubscriber(ctx.db, d.subscriber_id, ctx.now, ctx.actor));

export const importSubscribers = defineVerb('subscriber.import', 'subscriber.import', SubscriberImport, (ctx, d) => subs.importSubscribers(ctx.db, parseSubscriberCsv(ctx.db, d.csv), ctx.actor, ctx.now));

export const resendConfirmation = defineVerb('subscriber.resend', 'subscriber.resend', SubscriberRef, (ctx, d) => subs.resendConfirmation(ctx.db, d.subscriber_id, ctx.actor, ctx.now));
