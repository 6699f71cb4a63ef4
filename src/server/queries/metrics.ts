/** Reads behind /metrics (monitors' running check totals; open incidents come from the page's overview) and the totals' one write. */
import { eq } from 'drizzle-orm';
import { monitorCheckTotals, monitors } from '../../../db/schema';
import { addCheck, EMPTY_CHECK_TOTALS, parseBuckets, type CheckResult, type CheckTotals } from '../../domain/check-histogram';
import type { Db } from '../db';

/** Every monitor with its running totals (zeros before its first check), for the scrape. */
export function checkTotals(db: Db): { monitorId: number; name: string; componentId: number; type: string; totals: CheckTotals }[] {
  return db
    .select({ monitorId: monitors.id, name: monitors.name, componentId: monitors.componentId, type: monitors.type, t: monitorCheckTotals })
    .from(monitors)
    .leftJoin(monitorCheckTotals, eq(monitorCheckTotals.monitorId, monitors.id))
    .orderBy(monitors.id)
    .all()
    .map(({ t, ...m }) => ({ ...m, totals: t ? { up: t.up, degraded: t.degraded, down: t.down, buckets: parseBuckets(t.buckets), latencySumS: t.latencySumS, latencyCount: t.latencyCount } : EMPTY_CHECK_TOTALS }));
}

/** Adds one check to its monitor's totals; called inside the transaction that stores the check. */
export function countCheck(db: Db, monitorId: number, result: CheckResult, latencyMs: number | null): void {
  const row = db.select().from(monitorCheckTotals).where(eq(monitorCheckTotals.monitorId, monitorId)).get();
  const before: CheckTotals = row ? { ...row, buckets: parseBuckets(row.buckets) } : EMPTY_CHECK_TOTALS;
  const t = addCheck(before, result, latencyMs);
  const values = { up: t.up, degraded: t.degraded, down: t.down, buckets: JSON.stringify(t.buckets), latencySumS: t.latencySumS, latencyCount: t.latencyCount };
  db.insert(monitorCheckTotals)
    .values({ monitorId, ...values })
    .onConflictDoUpdate({ target: monitorCheckTotals.monitorId, set: values })
    .run();
}
