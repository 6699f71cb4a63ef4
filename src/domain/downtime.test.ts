import { describe, expect, it } from 'vitest';
import { downtimeIn, fieldOf, type ClassifiedInterval } from './downtime';

const M = 60_000;
const iv = (status: ClassifiedInterval['status'], startMin: number, endMin: number, maintenance = false): ClassifiedInterval => ({ status, start: startMin * M, end: endMin * M, maintenance });

describe('the one downtime function', () => {
  it.each<[string, ClassifiedInterval[], { start: number; end: number }[], number, number, number]>([
    ['major counts fully', [iv('major_outage', 0, 60)], [], 60, 0, 0],
    ['partial counts at 0.3', [iv('partial_outage', 0, 100)], [], 30, 0, 0],
    ['degraded and maintenance are up', [iv('degraded_performance', 0, 60), iv('under_maintenance', 60, 90, true)], [], 0, 0, 30],
    ['outage under maintenance is excluded, outside counts', [iv('major_outage', 0, 20, true), iv('major_outage', 20, 45)], [], 25, 20, 20],
    ['an excluded span', [iv('major_outage', 0, 60)], [{ start: 10 * M, end: 40 * M }], 30, 30, 0],
  ])('%s', (_name, intervals, excluded, downtime, excludedMin, maint) => {
    const r = downtimeIn(intervals, 0, 1000 * M, excluded);
    expect(r.downtimeMs / M).toBeCloseTo(downtime, 9);
    expect(r.excludedMs / M).toBeCloseTo(excludedMin, 9);
    expect(r.maintenanceMs / M).toBe(maint);
  });

  it('counts maintenance time as maintenance seconds in the day figures, whatever status shows', () => {
    expect(fieldOf({ status: 'major_outage', maintenance: true })).toBe('maintenance');
    expect(fieldOf({ status: 'major_outage', maintenance: false })).toBe('major');
    expect(fieldOf({ status: 'partial_outage' })).toBe('partial');
  });
});
