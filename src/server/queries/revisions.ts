/** How many times each maintenance changed (its iCal SEQUENCE), counted from the change log. */
import { and, eq, sql } from 'drizzle-orm';
import { changeLog } from '../../../db/schema';
import type { Db } from '../db';

export function maintenanceRevisions(db: Db): Map<number, number> {
  const rows = db
    .select({ id: changeLog.entityId, n: sql<number>`count(*)` })
    .from(changeLog)
    .where(and(eq(changeLog.entity, 'maintenance'), sql`${changeLog.kind} <> 'maintenance.created'`))
    .groupBy(changeLog.entityId)
    .all();
  return new Map(rows.map((r) => [Number(r.id), r.n]));
}
