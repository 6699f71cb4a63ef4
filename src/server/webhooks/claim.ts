/** Claims due webhook deliveries for this process: a lease pushes their next attempt past the send timeout. */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { changeLog, webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import { deliveryOrigin, isSuspect } from '../../domain/delivery-pool';
import { withUnsubscribe, type RetryPolicy } from '../../domain/webhook';
import { tx, type Db } from '../db';
import { webhookUrls } from '../mail/links';

type Row = { createdAt: number; id: number; subscriberId: number; changeId: number; payload: string; attempts: number; nextAttemptAt: number; url: string; secret: string; source: 'admin' | 'public'; kind: string | null };
export interface DeliveryOptions extends RetryPolicy {
  timeoutMs: number;
  /** Deliveries sent per pass. */
  batch?: number;
}

/** A due delivery as the pool sees it: where it goes and whether it waits behind fresh ones (src/domain/delivery-pool.ts). */
type Candidate = { id: number; url: string; origin: string; suspect: boolean };
export type Due = Row & Candidate & { body: string };
/** Chooses which of the due deliveries (in claim order) to take now. */
export type Pick = (due: Candidate[]) => Candidate[];

/**
 * Claims the due deliveries `pick` chooses, pushing their next attempt past the send timeout so no other worker
 * picks them. Claim order: fresh deliveries before retries, healthy receivers before failing ones, then oldest first.
 */
export function claimDue(db: Db, now: number, o: DeliveryOptions, pick: Pick, window = 200): Due[] {
  // meta.unsubscribe is the subscriber's own link, filled in here (dated by the delivery, so retries send the same bytes)
  return claimRows(db, now, o, pick, window).map((d) => ({ ...d, body: withUnsubscribe(d.payload, webhookUrls(db, d.subscriberId, d.createdAt).unsubscribe) }));
}

function claimRows(db: Db, now: number, o: DeliveryOptions, pick: Pick, window: number): (Row & Candidate)[] {
  const any = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now))).limit(1).get();
  if (!any) return [];
  return tx(db, () => {
    // the candidates without their payloads: the pool looks at many and takes a few
    const due = db
      .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, url: webhookSubscribers.url, failingSince: webhookSubscribers.failingSince })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookSubscribers.enabled, true)))
      .orderBy(sql`${webhookDeliveries.attempts} > 0`, sql`${webhookSubscribers.failingSince} IS NOT NULL`, asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(window)
      .all();
    const chosen = new Map(pick(due.map((d) => ({ id: d.id, url: d.url, origin: deliveryOrigin(d.url), suspect: isSuspect(d) }))).map((c) => [c.id, c]));
    if (chosen.size === 0) return [];
    db.update(webhookDeliveries).set({ nextAttemptAt: now + o.timeoutMs + 5_000 }).where(inArray(webhookDeliveries.id, [...chosen.keys()])).run();
    const rows = db
      .select({ id: webhookDeliveries.id, createdAt: webhookDeliveries.createdAt, subscriberId: webhookDeliveries.subscriberId, changeId: webhookDeliveries.changeId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt, url: webhookSubscribers.url, secret: webhookSubscribers.secret, source: webhookSubscribers.source, kind: changeLog.kind })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
      .leftJoin(changeLog, eq(changeLog.id, webhookDeliveries.changeId))
      .where(inArray(webhookDeliveries.id, [...chosen.keys()]))
      .all();
    return rows.map((r) => ({ ...r, ...chosen.get(r.id)! }));
  });
}
