import { describe, expect, it } from 'vitest';
import { groupPastIncidents } from './past-incidents';

const at = (iso: string) => Date.parse(iso);
const now = at('2026-03-01T08:00:00Z');

describe('groupPastIncidents', () => {
  it('lists every day of the span newest first, empty days included', () => {
    const days = groupPastIncidents([], now, 15);
    expect(days).toHaveLength(15);
    expect(days[0].date).toBe('2026-03-01');
    expect(days[1].date).toBe('2026-02-28'); // month end, not a leap year
    expect(days[14].date).toBe('2026-02-15');
    expect(days.every((d) => d.incidents.length === 0)).toBe(true);
  });

  it('puts an incident on the UTC day it was resolved, newest first, and drops open and older ones', () => {
    const list = [
      { id: 1, resolvedAt: at('2026-02-28T23:59:59Z') },
      { id: 2, resolvedAt: at('2026-03-01T00:00:00Z') },
      { id: 3, resolvedAt: null },
      { id: 4, resolvedAt: at('2026-02-14T23:59:59Z') },
      { id: 5, resolvedAt: at('2026-02-28T10:00:00Z') },
    ];
    const days = groupPastIncidents(list, now, 15);
    expect(days[0].incidents.map((i) => i.id)).toEqual([2]);
    expect(days[1].incidents.map((i) => i.id)).toEqual([1, 5]);
    expect(days.flatMap((d) => d.incidents).map((i) => i.id).sort()).toEqual([1, 2, 5]);
  });
});
