/** Statuspage's public subscribe (`POST /api/v2/subscribers.json`) through our subscribe verb: double opt-in and its rate limits apply. */
import type { VerbContext } from '../features/verb';
import { subscribe } from '../features/subscribers/verbs';
import { json } from '../http/api-response';
import { toStatuspageError } from '../http/error-adapters';
import { loadSpContext } from '../queries/statuspage';
import { readSpBody } from './body';
import { listOf } from './incident-input';

/**
 * Answers 201 with the pending subscription. It never says whether the address was already subscribed
 * (the verb mails a confirmed address its manage link instead), so no id is disclosed.
 */
export async function publicSubscribe(ctx: VerbContext, request: Request): Promise<Response> {
  try {
    const body = await readSpBody(request, 'subscriber', ['email', 'component_ids', 'components']);
    const ids = (listOf(body.component_ids) ?? listOf(body.components) ?? []).map(String);
    subscribe(ctx, { email: body.email, components: ids });
    const sp = loadSpContext(ctx.db, ctx.now);
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : body.email;
    return json(
      {
        subscriber: {
          mode: 'email',
          email,
          components: ids,
          state: 'unconfirmed',
          created_at: new Date(ctx.now).toISOString(),
        },
        page: sp.page,
      },
      201,
    );
  } catch (err) {
    return toStatuspageError(err);
  }
}
