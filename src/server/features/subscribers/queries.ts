/** Subscriber reads: the public pages' component list and a link's choice; the admin's list, counts and export. */
import { authorize } from '../../auth/permissions';
import { getConfig } from '../../config';
import { followedNames } from '../../../domain/audience';
import { choiceOf, emailOf, followableNames, listSubscribers, subscribableComponents, subscriberCounts } from '../../queries/subscribers';
import type { VerbContext } from '../verb';
import { subscribersCsv } from './csv';
import { subscriberOfLink } from './verbs';

/** Whether e-mail subscriptions are on (SMTP_URL set). */
export const mailEnabled = (): boolean => getConfig().smtpUrl !== null;

export const componentsToFollow = (ctx: VerbContext) => subscribableComponents(ctx.db);

/** The manage page's view of a link: the address, its choice and that choice in words (throws a 400 for a bad link; null once unsubscribed). */
export function subscriptionOfLink(ctx: VerbContext, token: string) {
  const id = subscriberOfLink(ctx, 'manage', token);
  const choice = choiceOf(ctx.db, id);
  const email = emailOf(ctx.db, id);
  if (!choice || email === null) return null;
  return { email, choice, following: followedNames(choice, followableNames(ctx.db)) };
}

export function subscribersForAdmin(ctx: VerbContext, search: string) {
  authorize(ctx.actor, 'subscriber.read');
  return { rows: listSubscribers(ctx.db, search), counts: subscriberCounts(ctx.db) };
}

export function exportSubscribers(ctx: VerbContext): string {
  authorize(ctx.actor, 'subscriber.read');
  return subscribersCsv(listSubscribers(ctx.db, '', 1_000_000));
}
