import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMPONENT_STATUSES, type ComponentStatus } from './enums';
import { impactFromStatuses, spBoolean } from './statuspage-write';

describe('impactFromStatuses', () => {
  it.each<[ComponentStatus[], string]>([
    [[], 'none'],
    [['operational'], 'none'],
    [['under_maintenance'], 'none'],
    [['degraded_performance'], 'minor'],
    [['partial_outage', 'operational'], 'major'],
    [['degraded_performance', 'major_outage', 'partial_outage'], 'critical'],
  ])('%j → %s', (statuses, impact) => {
    expect(impactFromStatuses(statuses)).toBe(impact);
  });

  it('does not depend on the order the statuses come in', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...COMPONENT_STATUSES)), (list) => {
        expect(impactFromStatuses([...list].reverse())).toBe(impactFromStatuses(list));
      }),
    );
  });
});

describe('spBoolean', () => {
  it.each([
    ['t', true],
    ['f', false],
    ['true', true],
    ['0', false],
    [true, true],
    ['yes', 'yes'],
    [undefined, undefined],
  ])('%j → %j', (v, want) => {
    expect(spBoolean(v)).toBe(want);
  });
});
