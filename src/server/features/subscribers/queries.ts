/** Subscriber reads: the public pages' component list and a link's choice; the admin's list, counts and export. */
import { authorize } from '../../auth/permissions';
import { getConfig } from '../../config';
import { choiceOf, listSubscribers, subscribableComponents, subscriberCounts } from '../../queries/subscribers';
import type { VerbContext } from '../verb';
import { subscribersCsv } from './csv';
import { subscriberOfLink } from './verbs';

/** Whether e-mail subscriptions are on (SMTP_URL set). */
export const mailEnabled = (): boolean => getConfig().smtpUrl !== null;

export const componentsToFollow = (ctx: VerbContext) => subscribableComponents(ctx.db);

/** The choice behind a manage link (throws a 400 for a bad link, 404 once unsubscribed). */
export function choiceOfLink(ctx: VerbContext, token: string) {
  const id = subscriberOfLink(ctx, 'manage', token);
  return choiceOf(ctx.db, id);
}

export function subscribersForAdmin(ctx: VerbContext, search: string) {
  authorize(ctx.actor, 'subscriber.read');
  return { rows: listSubscribers(ctx.db, search), counts: subscriberCounts(ctx.db) };
}

export function exportSubscribers(ctx: VerbContext): string {
  authorize(ctx.actor, 'subscriber.read');
  return subscribersCsv(listSubscribers(ctx.db, '', 1_000_000));
}
