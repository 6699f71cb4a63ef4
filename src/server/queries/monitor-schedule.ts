/** The monitor runner's reads: what to schedule, and the monitor to probe now (admin edits are picked up by re-reading). */
import { eq } from 'drizzle-orm';
import { monitors } from '../../../db/schema';
import type { Db } from '../db';

export type ScheduleRow = { id: number; paused: boolean; intervalS: number; updatedAt: number; config: string; timeoutMs: number };

/** Every monitor with what its timer depends on. */
export function listSchedule(db: Db): ScheduleRow[] {
  return db.select({ id: monitors.id, paused: monitors.paused, intervalS: monitors.intervalS, updatedAt: monitors.updatedAt, config: monitors.config, timeoutMs: monitors.timeoutMs }).from(monitors).all();
}

/** The monitor as stored now (undefined once deleted). */
export function getMonitorRow(db: Db, id: number): typeof monitors.$inferSelect | undefined {
  return db.select().from(monitors).where(eq(monitors.id, id)).get();
}
