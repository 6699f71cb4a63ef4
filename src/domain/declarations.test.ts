import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveTimeline, statusOf, type Declaration } from './declarations';
import { COMPONENT_STATUSES, DECLARATION_SOURCES, type ComponentStatus, type DeclarationSource } from './enums';

const d = (source: DeclarationSource, status: ComponentStatus, start: number, end: number | null): Declaration => ({ source, status, start, end });

describe('statusOf (rule 2 at one instant)', () => {
  it.each<[string, Declaration[], ComponentStatus, boolean]>([
    ['nothing declared', [], 'operational', false],
    ['the monitors decide when nothing is declared', [d('monitor', 'major_outage', 0, null)], 'major_outage', false],
    ['an incident wins over a worse monitor verdict', [d('monitor', 'major_outage', 0, null), d('incident', 'degraded_performance', 0, null)], 'degraded_performance', false],
    ['an operator\'s operational wins over a monitor outage', [d('monitor', 'partial_outage', 0, null), d('manual', 'operational', 0, null)], 'operational', false],
    ['the worst of two incidents', [d('incident', 'partial_outage', 0, null), d('incident', 'major_outage', 0, null)], 'major_outage', false],
    ['the worst of an incident and an operator', [d('manual', 'degraded_performance', 0, null), d('incident', 'partial_outage', 0, null)], 'partial_outage', false],
    ['maintenance alone', [d('maintenance', 'under_maintenance', 0, null)], 'under_maintenance', true],
    ['maintenance hides a declared operational', [d('maintenance', 'under_maintenance', 0, null), d('incident', 'operational', 0, null)], 'under_maintenance', true],
    ['a worse declaration shows through maintenance', [d('maintenance', 'under_maintenance', 0, null), d('incident', 'major_outage', 0, null)], 'major_outage', true],
    ['a worse monitor verdict shows through maintenance', [d('maintenance', 'under_maintenance', 0, null), d('monitor', 'partial_outage', 0, null)], 'partial_outage', true],
    ['degraded shows through maintenance', [d('maintenance', 'under_maintenance', 0, null), d('manual', 'degraded_performance', 0, null)], 'degraded_performance', true],
  ])('%s', (_name, covering, status, maintenance) => {
    expect(statusOf(covering)).toEqual({ status, maintenance });
  });
});

describe('effectiveTimeline', () => {
  it.each<[string, Declaration[], number, number | null, [ComponentStatus, number, number | null, boolean][]]>([
    ['no declarations: operational, open', [], 0, null, [['operational', 0, null, false]]],
    ['empty span', [d('incident', 'major_outage', 0, 5)], 5, 5, []],
    ['the three faults: an outage partly inside a window keeps its outside part', [d('maintenance', 'under_maintenance', 120, 180), d('incident', 'major_outage', 160, 205)], 0, null, [
      ['operational', 0, 120, false], ['under_maintenance', 120, 160, true], ['major_outage', 160, 180, true], ['major_outage', 180, 205, false], ['operational', 205, null, false],
    ]],
    ['a later milder incident does not replace a worse open one', [d('incident', 'major_outage', 600, 660), d('incident', 'partial_outage', 630, 720)], 500, null, [
      ['operational', 500, 600, false], ['major_outage', 600, 660, false], ['partial_outage', 660, 720, false], ['operational', 720, null, false],
    ]],
    ['adjacent equal declarations merge', [d('incident', 'major_outage', 10, 20), d('manual', 'major_outage', 20, 30)], 0, 40, [
      ['operational', 0, 10, false], ['major_outage', 10, 30, false], ['operational', 30, 40, false],
    ]],
    ['declarations outside the span are clipped', [d('monitor', 'major_outage', -100, 5), d('incident', 'partial_outage', 8, 1000)], 0, 10, [
      ['major_outage', 0, 5, false], ['operational', 5, 8, false], ['partial_outage', 8, 10, false],
    ]],
    ['an open declaration stays open', [d('monitor', 'degraded_performance', 50, null)], 0, null, [['operational', 0, 50, false], ['degraded_performance', 50, null, false]]],
    ['zero-length declarations change nothing', [d('incident', 'major_outage', 5, 5)], 0, null, [['operational', 0, null, false]]],
  ])('%s', (_name, decls, from, to, expected) => {
    expect(effectiveTimeline(decls, from, to).map((iv) => [iv.status, iv.start, iv.end, iv.maintenance])).toEqual(expected);
  });

  const decl = fc.record({
    source: fc.constantFrom(...DECLARATION_SOURCES),
    status: fc.constantFrom(...COMPONENT_STATUSES),
    start: fc.integer({ min: 0, max: 100 }),
    len: fc.option(fc.integer({ min: 0, max: 50 })),
  }).map(({ source, status, start, len }) => d(source, source === 'maintenance' ? 'under_maintenance' : status, start, len === null ? null : start + len));

  it('is the same for every order of the declarations, contiguous and merged, and agrees with statusOf at every instant', () => {
    fc.assert(
      fc.property(fc.array(decl, { maxLength: 12 }), fc.integer(), (decls, seed) => {
        const shuffled = [...decls].sort((a, b) => ((a.start * 31 + seed) % 7) - ((b.start * 31 + seed) % 7));
        const tl = effectiveTimeline(decls, 0, null);
        expect(effectiveTimeline(shuffled, 0, null)).toEqual(tl);
        for (let i = 1; i < tl.length; i++) {
          expect(tl[i].start).toBe(tl[i - 1].end);
          expect(tl[i].status !== tl[i - 1].status || tl[i].maintenance !== tl[i - 1].maintenance).toBe(true);
        }
        expect(tl.at(-1)!.end).toBeNull();
        for (let t = 0; t < 160; t += 3) {
          const covering = decls.filter((x) => x.start <= t && (x.end === null || x.end > t));
          const at = tl.find((iv) => iv.start <= t && (iv.end === null || iv.end > t))!;
          expect({ status: at.status, maintenance: at.maintenance }).toEqual(statusOf(covering));
        }
      }),
    );
  });
});
