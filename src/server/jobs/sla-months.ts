/** Closes SLA months by the clock: the month that just ended is frozen at start-up and when the next one begins. */
// Decision: docs/decisions/010-sla-months-frozen-and-invalidated.md
import { monthOf, shiftMonth } from '../../domain/sla';
import type { Db } from '../db';
import { getSettings } from '../queries/settings';
import { freezeSlaMonth } from '../services/sla';

/** A closer remembering the last month it saw; call it with the time, it freezes once per new month (returns rows frozen). */
export function slaMonthCloser(db: Db): (now: number) => number {
  let seen: string | null = null;
  return (now) => {
    const month = monthOf(now, getSettings(db).slaTimeZone);
    if (month === seen) return 0;
    const frozen = freezeSlaMonth(db, shiftMonth(month, -1), now);
    seen = month;
    return frozen;
  };
}
