import { describe, expect, it } from 'vitest';
import type { ComponentStatus, IncidentStatus } from './enums';
import { clipManualByIncidents, incidentDeclarations, maintenanceDeclaredSpan, type DeclaringUpdate, type SourcedDeclaration } from './source-declarations';

let nextId = 1;
const u = (status: IncidentStatus, displayAt: number, declared: Record<number, ComponentStatus> = {}): DeclaringUpdate => ({
  id: nextId++,
  status,
  displayAt,
  declared: new Map(Object.entries(declared).map(([k, v]) => [Number(k), v])),
});

describe('incidentDeclarations', () => {
  it.each<[string, number, DeclaringUpdate[], [number, ComponentStatus, number, number | null][]]>([
    ['open incident: the first statuses hold from the (backdated) start', 100, [u('investigating', 130, { 1: 'major_outage' })], [[1, 'major_outage', 100, null]]],
    ['a later update changes the status from its time', 100, [u('investigating', 100, { 1: 'major_outage' }), u('identified', 150, { 1: 'partial_outage' })], [[1, 'major_outage', 100, 150], [1, 'partial_outage', 150, null]]],
    ['an update without statuses keeps them', 100, [u('investigating', 100, { 1: 'degraded_performance' }), u('monitoring', 150)], [[1, 'degraded_performance', 100, null]]],
    ['resolving ends every declaration', 0, [u('investigating', 0, { 1: 'major_outage', 2: 'partial_outage' }), u('resolved', 60)], [[1, 'major_outage', 0, 60], [2, 'partial_outage', 0, 60]]],
    ['a reopening update declares afresh', 0, [u('investigating', 0, { 1: 'major_outage' }), u('resolved', 60), u('investigating', 90, { 1: 'degraded_performance' }), u('resolved', 100)], [[1, 'major_outage', 0, 60], [1, 'degraded_performance', 90, 100]]],
    ['created resolved: nothing is declared', 0, [u('resolved', 0, { 1: 'major_outage' })], []],
    ['updates are taken in time order whatever the input order', 0, [u('resolved', 60), u('investigating', 0, { 1: 'major_outage' })], [[1, 'major_outage', 0, 60]]],
  ])('%s', (_name, startedAt, updates, expected) => {
    expect(incidentDeclarations(startedAt, updates).map((x) => [x.componentId, x.status, x.start, x.end])).toEqual(expected);
  });
});

describe('maintenanceDeclaredSpan', () => {
  it.each([
    ['scheduled: nothing', { status: 'scheduled', startedAt: null, completedAt: null, scheduledUntil: 50 }, null],
    ['in progress: open from the real start', { status: 'in_progress', startedAt: 10, completedAt: null, scheduledUntil: 50 }, { start: 10, end: null }],
    ['completed early', { status: 'completed', startedAt: 10, completedAt: 30, scheduledUntil: 50 }, { start: 10, end: 30 }],
    ['cancelled after it started: nothing', { status: 'cancelled', startedAt: 10, completedAt: null, scheduledUntil: 50 }, null],
    ['completed without ever starting', { status: 'completed', startedAt: null, completedAt: 30, scheduledUntil: 50 }, null],
  ])('%s', (_name, m, expected) => {
    expect(maintenanceDeclaredSpan(m)).toEqual(expected);
  });
});

describe('clipManualByIncidents (rule 7, derived)', () => {
  const inc = (id: number, start: number, end: number | null, status: ComponentStatus = 'major_outage'): SourcedDeclaration => ({ source: 'incident', sourceId: id, status, start, end });
  const man = (start: number, end: number | null, status: ComponentStatus = 'partial_outage'): SourcedDeclaration => ({ source: 'manual', sourceId: null, status, start, end });
  const manualOf = (ds: SourcedDeclaration[]) => ds.filter((d) => d.source === 'manual').map((d) => [d.start, d.end]);
  it.each<[string, SourcedDeclaration[], number[], (number | null)[][]]>([
    ['set during the incident: ends when it resolves', [inc(1, 10, 50), man(20, null)], [], [[20, 50]]],
    ['the incident still open: runs on', [inc(1, 10, null), man(20, null)], [], [[20, null]]],
    ['set before the incident: not the incident\'s', [inc(1, 10, 50), man(5, null)], [], [[5, null]]],
    ['set after it resolved: not the incident\'s', [inc(1, 10, 50), man(60, null)], [], [[60, null]]],
    ['kept on resolve: runs on', [inc(1, 10, 50), man(20, null)], [1], [[20, null]]],
    ['cleared by hand before the resolve: its own end', [inc(1, 10, 50), man(20, 30)], [], [[20, 30]]],
    ['an incident\'s status changes are one span', [inc(1, 10, 30), inc(1, 30, 50, 'partial_outage'), man(20, null)], [], [[20, 50]]],
    ['a reopened incident: the run the status was set in', [inc(1, 10, 30), inc(1, 40, 70), man(45, null)], [], [[45, 70]]],
    ['two incidents: the first to end', [inc(1, 10, 80), inc(2, 15, 50), man(20, null)], [], [[20, 50]]],
    ['two incidents, the first kept: the other\'s end', [inc(1, 10, 50), inc(2, 15, 80), man(20, null)], [1], [[20, 80]]],
  ])('%s', (_name, ds, kept, expected) => {
    expect(manualOf(clipManualByIncidents(ds, new Set(kept)))).toEqual(expected);
  });

  it.each<[string, SourcedDeclaration[], (number | null)[][]]>([
    // the counterexample CI's property test found: set by hand at 20 on a component the incident (started at 10)
    // declared for only at 40; the resolve at 50 ends it, as the resolve form says
    ['set after the incident started, before it declared for this component: ends with it', [inc(1, 40, 50), man(20, null)], [[20, 50]]],
    ['set before the incident started: not the incident\'s', [inc(1, 40, 50), man(5, null)], [[5, null]]],
    ['only the first run reaches back: a reopening does not', [inc(1, 40, 50), inc(1, 70, 90), man(55, null)], [[55, null]]],
  ])('counting from the incident\'s start (10): %s', (_name, ds, expected) => {
    expect(manualOf(clipManualByIncidents(ds, new Set(), (id) => (id === 1 ? 10 : undefined)))).toEqual(expected);
  });

  it('depends only on the set of declarations, not their order', () => {
    const ds = [inc(1, 10, 30), man(20, null), inc(1, 30, 50, 'partial_outage'), inc(2, 5, 25), man(60, 70)];
    const expected = clipManualByIncidents(ds, new Set()).sort((a, b) => a.start - b.start);
    expect(clipManualByIncidents([...ds].reverse(), new Set()).sort((a, b) => a.start - b.start)).toEqual(expected);
  });
});
