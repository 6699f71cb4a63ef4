/** The "Past incidents" section of the overview: the last N UTC days, newest first, each with the incidents resolved that day. */
// Decision: docs/decisions/028-overview-on-a-phone.md
import { dayIndex, dayLabel, dayStart } from './time';

export interface PastDay<T> {
  /** YYYY-MM-DD (UTC). */
  date: string;
  start: number;
  incidents: T[];
}

/** Every one of the last `days` days appears, empty ones too ("No incidents reported."); newest incident first within a day. */
export function groupPastIncidents<T extends { resolvedAt: number | null }>(incidents: T[], now: number, days: number): PastDay<T>[] {
  const today = dayIndex(now);
  const out: PastDay<T>[] = [];
  for (let d = today; d > today - days; d--) out.push({ date: dayLabel(d), start: dayStart(d), incidents: [] });
  const sorted = incidents.filter((i) => i.resolvedAt !== null && i.resolvedAt <= now).sort((a, b) => b.resolvedAt! - a.resolvedAt!);
  for (const i of sorted) {
    const slot = out[today - dayIndex(i.resolvedAt!)];
    if (slot) slot.incidents.push(i);
  }
  return out;
}
