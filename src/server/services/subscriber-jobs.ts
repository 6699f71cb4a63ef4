/** The clock's subscriber jobs: maintenance reminders when their time comes, and forgetting unconfirmed addresses. */
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { maintenances, subscribers, webhookSubscribers } from '../../../db/schema';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../domain/constants';
import { tx, type Db } from '../db';
import { recordChange } from './journal';

/** Unconfirmed addresses are kept this long, then deleted. */
const UNCONFIRMED_TTL_MS = 7 * MS_PER_DAY;

/** Marks each scheduled window whose reminder time has come and records the change the mail fan-out announces. */
export function tickReminders(db: Db, now: number): number {
  const candidates = db
    .select()
    .from(maintenances)
    .where(and(eq(maintenances.status, 'scheduled'), eq(maintenances.notify, true), isNotNull(maintenances.remindPriorMinutes), isNull(maintenances.remindedAt)))
    .all()
    .filter((m) => m.scheduledFor - (m.remindPriorMinutes ?? 0) * MS_PER_MINUTE <= now && m.scheduledFor > now);
  let sent = 0;
  for (const m of candidates) {
    tx(db, () => {
      // the isNull guard makes a second process's tick a no-op
      const r = db.update(maintenances).set({ remindedAt: now }).where(and(eq(maintenances.id, m.id), isNull(maintenances.remindedAt))).run();
      if (r.changes === 0) return;
      recordChange(db, now, 'maintenance.reminder', 'maintenance', m.id);
      sent++;
    });
  }
  return sent;
}

export function forgetUnconfirmed(db: Db, now: number): number {
  const hooks = db.delete(webhookSubscribers).where(and(eq(webhookSubscribers.source, 'public'), isNull(webhookSubscribers.confirmedAt), lt(webhookSubscribers.createdAt, now - UNCONFIRMED_TTL_MS))).run().changes;
  return hooks + db.delete(subscribers).where(and(eq(subscribers.status, 'pending'), lt(subscribers.createdAt, now - UNCONFIRMED_TTL_MS))).run().changes;
}
