/** The webhooks admin page's reads: subscribers (with their secrets) and recent deliveries. */
import { authorize } from '../../auth/permissions';
import { listDeliveries, listSubscribers } from '../../queries/webhooks';
import type { VerbContext } from '../verb';

export function listWebhooksForAdmin(ctx: VerbContext): { subscribers: ReturnType<typeof listSubscribers>; deliveries: ReturnType<typeof listDeliveries> } {
  authorize(ctx.actor, 'webhook.read');
  return { subscribers: listSubscribers(ctx.db), deliveries: listDeliveries(ctx.db) };
}
