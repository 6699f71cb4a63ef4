import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusOf } from './declarations';
import { COMPONENT_STATUSES, DECLARATION_SOURCES, type ComponentStatus, type DeclarationSource } from './enums';
import { describeStatus, explainStatus, isLeftoverManual, resolveEffect, type CoveringDeclaration } from './status-source';

const T = Date.UTC(2026, 11, 7, 14, 2);
const inc = (id: number, status: ComponentStatus): CoveringDeclaration => ({ source: 'incident', sourceId: id, status, start: T - 600_000 });
const manual = (status: ComponentStatus, start = T): CoveringDeclaration => ({ source: 'manual', sourceId: null, status, start });
const mon = (status: ComponentStatus): CoveringDeclaration => ({ source: 'monitor', sourceId: null, status, start: T - 60_000 });
const maint = (id: number): CoveringDeclaration => ({ source: 'maintenance', sourceId: id, status: 'under_maintenance', start: T - 60_000 });
const names = { monitors: ['api-health'] };

describe('explainStatus: the status shown and the source named beside it', () => {
  it.each<[string, CoveringDeclaration[], string, string[]]>([
    ['nothing declared', [], 'Operational — nothing declared', []],
    ['an incident', [inc(12, 'major_outage')], 'Major outage — incident #12', []],
    ['by hand', [manual('partial_outage')], 'Partial outage — set by hand Dec 7, 2026, 14:02 UTC', []],
    ['a monitor', [mon('degraded_performance')], 'Degraded performance — monitor api-health', []],
    ['maintenance', [maint(3)], 'Under maintenance — maintenance #3', []],
    ['incident over a milder hand-set status: the hand-set one is named as overruled', [manual('partial_outage'), inc(12, 'major_outage')], 'Major outage — incident #12', ['manual:partial_outage']],
    ['hand-set worse than the incident', [inc(12, 'degraded_performance'), manual('major_outage')], 'Major outage — set by hand Dec 7, 2026, 14:02 UTC', ['incident:degraded_performance']],
    ['incident and hand-set agree: both named', [manual('major_outage'), inc(12, 'major_outage')], 'Major outage — incident #12, set by hand Dec 7, 2026, 14:02 UTC', []],
    ['two incidents, the worse decides', [inc(4, 'partial_outage'), inc(9, 'major_outage')], 'Major outage — incident #9', ['incident:partial_outage']],
    ['an incident beats a worse monitor verdict', [mon('major_outage'), inc(12, 'degraded_performance')], 'Degraded performance — incident #12', ['monitor:major_outage']],
    ['hand-set operational overrides a monitor outage', [mon('partial_outage'), manual('operational')], 'Operational — set by hand Dec 7, 2026, 14:02 UTC', ['monitor:partial_outage']],
    ['maintenance hides an incident\'s operational', [maint(3), inc(12, 'operational')], 'Under maintenance — maintenance #3', ['incident:operational']],
    ['an incident outage shows through maintenance', [maint(3), inc(12, 'major_outage')], 'Major outage — incident #12', []],
    ['a monitor outage shows through maintenance', [maint(3), mon('partial_outage')], 'Partial outage — monitor api-health', []],
    ['maintenance hides a monitor that says operational', [maint(3), mon('operational')], 'Under maintenance — maintenance #3', ['monitor:operational']],
    ['all four: the incident decides', [maint(3), mon('major_outage'), manual('degraded_performance'), inc(12, 'partial_outage')], 'Partial outage — incident #12', ['manual:degraded_performance', 'monitor:major_outage']],
  ])('%s', (_name, covering, words, overruled) => {
    const e = explainStatus(covering);
    expect(describeStatus(e, names)).toBe(words);
    expect(e.overruled.map((d) => `${d.source}:${d.status}`)).toEqual(overruled);
  });

  it('names several monitors', () => {
    expect(describeStatus(explainStatus([mon('major_outage')]), { monitors: ['eu', 'us'] })).toBe('Major outage — monitors eu, us');
  });

  it('always shows exactly statusOf\'s status, and a decider declares it unless nothing is declared', () => {
    const decl = fc.record({ source: fc.constantFrom<DeclarationSource>(...DECLARATION_SOURCES), sourceId: fc.integer({ min: 1, max: 3 }), status: fc.constantFrom(...COMPONENT_STATUSES), start: fc.integer({ min: 0, max: 10 }) });
    fc.assert(
      fc.property(fc.array(decl, { maxLength: 6 }), (raw) => {
        const covering = raw.map((d) => (d.source === 'maintenance' ? { ...d, status: 'under_maintenance' as const } : d));
        const e = explainStatus(covering);
        expect(e.status).toBe(statusOf(covering).status);
        if (covering.length === 0) expect(e.deciders).toEqual([]);
        else expect(e.deciders.some((d) => d.status === e.status)).toBe(true);
      }),
    );
  });
});

describe('isLeftoverManual: a hand-set problem with no open incident behind it', () => {
  it.each<[ComponentStatus | null, number, boolean]>([
    [null, 0, false],
    ['operational', 0, false],
    ['under_maintenance', 0, true],
    ['degraded_performance', 0, true],
    ['partial_outage', 0, true],
    ['major_outage', 0, true],
    ['partial_outage', 1, false],
  ])('manual %s with %i open incidents → %s', (status, open, warn) => {
    expect(isLeftoverManual(status, open)).toBe(warn);
  });
});

describe('resolveEffect (rule 7)', () => {
  const incident = { id: 12, startedAt: T - 600_000 };
  it.each<[string, CoveringDeclaration[], ComponentStatus, ComponentStatus, ComponentStatus | null]>([
    ['the incident alone: back to operational', [inc(12, 'major_outage')], 'major_outage', 'operational', null],
    ['a hand-set status from during the incident ends with it', [inc(12, 'major_outage'), manual('partial_outage')], 'major_outage', 'operational', 'partial_outage'],
    ['a hand-set status from before the incident stays', [inc(12, 'major_outage'), manual('partial_outage', T - 3_600_000)], 'major_outage', 'partial_outage', null],
    ['another open incident still holds it', [inc(12, 'major_outage'), inc(13, 'degraded_performance')], 'major_outage', 'degraded_performance', null],
    ['maintenance still holds it', [inc(12, 'major_outage'), maint(3)], 'major_outage', 'under_maintenance', null],
    ['the monitors decide after', [inc(12, 'major_outage'), mon('degraded_performance'), manual('partial_outage')], 'major_outage', 'degraded_performance', 'partial_outage'],
  ])('%s', (_name, covering, now, after, ends) => {
    const e = resolveEffect(covering, incident);
    expect([e.now, e.after, e.endsManual?.status ?? null]).toEqual([now, after, ends]);
  });

  it('if kept, the hand-set status is what shows', () => {
    expect(resolveEffect([inc(12, 'major_outage'), mon('operational'), manual('partial_outage')], incident).endsManual).toEqual({ status: 'partial_outage', since: T, ifKept: 'partial_outage' });
  });
});
