import { describe, expect, it } from 'vitest';
import type { ComponentStatus, IncidentStatus } from './enums';
import { incidentDeclarations, maintenanceDeclaredSpan, type DeclaringUpdate } from './source-declarations';

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
