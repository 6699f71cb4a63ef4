/** E-mail subscribers through Statuspage's management API: list, create, get, resend confirmation, unsubscribe; through our subscriber verbs. */
import { managementRows } from '../queries/statuspage';
import { spBoolean } from '../../domain/statuspage-write';
import { authorize } from '../auth/permissions';
import { NotFoundError, ValidationError } from '../errors';
import { subscribersForAdmin } from '../features/subscribers/queries';
import { importSubscribers, removeSubscriber, resendConfirmation, subscribe } from '../features/subscribers/verbs';
import type { VerbContext } from '../features/verb';
import { choiceOf } from '../queries/subscribers';
import { readSpBody } from './body';
import { listOf } from './incident-input';
import { requireSpId } from './ids';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Statuspage's subscriber; its `components` are the ids followed (all of them when none is chosen). */
function subscriberJson(ctx: VerbContext, id: number) {
  authorize(ctx.actor, 'subscriber.read');
  const row = managementRows.subscriber(ctx.db, id);
  const choice = row && choiceOf(ctx.db, id);
  if (!row || !choice) throw new NotFoundError('The requested resource could not be found.');
  const followed = choice.all
    ? managementRows.componentIds(ctx.db)
    : choice.componentIds;
  return {
    id: String(row.id),
    mode: 'email',
    email: row.email,
    skip_confirmation_notification: false,
    // Statuspage's states: a pending address is unconfirmed; one we stopped mailing is quarantined.
    state: row.status === 'confirmed' ? 'active' : row.status === 'pending' ? 'unconfirmed' : 'quarantined',
    quarantined_at: null,
    purge_at: null,
    components: followed.map(String),
    page_access_user_id: null,
    created_at: iso(row.createdAt),
  };
}

export function getSpSubscriber(ctx: VerbContext, rawId: string) {
  return subscriberJson(ctx, requireSpId('subscriber', rawId));
}

/** GET …/subscribers (`q` searches the address); at most `per_page` (100 by default, as Statuspage). */
export function listSpSubscribers(ctx: VerbContext, search: URLSearchParams) {
  const { rows } = subscribersForAdmin(ctx, search.get('q') ?? '');
  return rows.map((r) => subscriberJson(ctx, r.id));
}

/**
 * POST …/subscribers: double opt-in (a confirmation e-mail), or with `skip_confirmation_notification`
 * confirmed at once and told nothing, as an operator's import.
 */
export async function createSpSubscriber(ctx: VerbContext, request: Request) {
  const body = await readSpBody(request, 'subscriber', [
    'email',
    'component_ids',
    'skip_confirmation_notification',
    'endpoint',
    'phone_number',
    'phone_country',
    'page_access_user',
  ]);
  for (const k of ['endpoint', 'phone_number', 'phone_country', 'page_access_user'])
    if (body[k] !== undefined)
      throw new ValidationError('Only e-mail subscribers exist here.', { [`subscriber.${k}`]: 'Not supported.' });
  const ids = (listOf(body.component_ids) ?? []).map(String);
  if (typeof body.email !== 'string')
    throw new ValidationError('The request is invalid.', { 'subscriber.email': 'Enter the e-mail address.' });
  if (spBoolean(body.skip_confirmation_notification) === true) {
    authorize(ctx.actor, 'subscriber.import');
    const slugs = ids.length
      ? managementRows.componentSlugs(ctx.db).filter((c) => ids.includes(String(c.id)))
      : [];
    if (slugs.length !== ids.length)
      throw new ValidationError('The request is invalid.', { 'subscriber.component_ids': 'Choose listed components.' });
    importSubscribers(ctx, { csv: `${csvCell(body.email)},${slugs.map((c) => c.slug).join(';')}` });
  } else subscribe(ctx, { email: body.email, components: ids });
  const row = managementRows.subscriberByEmail(ctx.db, body.email.trim().toLowerCase());
  if (!row) throw new NotFoundError('The requested resource could not be found.');
  return subscriberJson(ctx, row.id);
}

/** An address as one CSV cell (the import verb reads CSV). */
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function resendSpConfirmation(ctx: VerbContext, rawId: string): void {
  resendConfirmation(ctx, { subscriber_id: requireSpId('subscriber', rawId) });
}

/** DELETE …/subscribers/{id}: unsubscribes (removes) and answers the subscriber as it was. */
export function deleteSpSubscriber(ctx: VerbContext, rawId: string) {
  const before = getSpSubscriber(ctx, rawId);
  removeSubscriber(ctx, { subscriber_id: Number(before.id) });
  return before;
}
