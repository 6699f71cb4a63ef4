import { describe, expect, it } from 'vitest';
import { MAJOR_OUTAGE_WEIGHT, PARTIAL_OUTAGE_WEIGHT } from './constants';
import { downtimeIn, fieldOf, statusWeight, weightedDowntime, type ClassifiedInterval, type SecondsField } from './downtime';
import { COMPONENT_STATUSES, type ComponentStatus } from './enums';

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

describe('the weighting, written once (decision 007)', () => {
  it.each<[ComponentStatus, number]>([
    ['operational', 0],
    ['under_maintenance', 0],
    ['degraded_performance', 0],
    ['partial_outage', PARTIAL_OUTAGE_WEIGHT],
    ['major_outage', MAJOR_OUTAGE_WEIGHT],
  ])('%s weighs %s', (status, weight) => {
    expect(statusWeight(status)).toBe(weight);
  });

  const zero = { operational: 0, maintenance: 0, degraded: 0, partial: 0, major: 0 };
  it.each<[string, Partial<Record<SecondsField, number>>, number]>([
    ['nothing', {}, 0],
    ['a major hour', { major: 3600 }, 3600],
    ['a partial hour is 0.3 of one', { partial: 3600 }, 1080],
    ['degraded, maintenance and operational are up', { degraded: 100, maintenance: 200, operational: 300 }, 0],
    ['major and partial add up', { major: 60, partial: 100, degraded: 5 }, 90],
  ])('weightedDowntime: %s', (_name, amounts, expected) => {
    expect(weightedDowntime({ ...zero, ...amounts })).toBeCloseTo(expected, 9);
  });

  it.each(COMPONENT_STATUSES)('a second of %s weighs the same per status and per seconds field', (status) => {
    expect(weightedDowntime({ ...zero, [fieldOf({ status })]: 1 })).toBe(statusWeight(status));
  });
});
