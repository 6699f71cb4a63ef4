/** Hand-computed history (issue 11): each fault of the in-place design, through the real services, in both orders. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MS_PER_MINUTE } from '../../domain/constants';
import type { ComponentStatus } from '../../domain/enums';
import { dayIndex } from '../../domain/time';
import { downtimeSeconds } from '../../domain/uptime';
import { freshDb } from '../../testing/db';
import { intervalsOf, recomputeRollups, storedRollups } from '../../testing/rollups';
import type { Db } from '../db';
import { loadDayRecords } from '../queries/public';
import type { Actor } from './actor';
import { createComponent, setComponentStatus, type ComponentRow } from './components';
import { declareFrom } from './declarations';
import { createIncident, postUpdate } from './incidents';
import { createMaintenance } from './maintenance';
import { exportRow, getSlaReport } from './sla';
import { rebuildHistory } from './status-core';
import { cliActor } from './actor';

const OPS: Actor = cliActor('test');
const T = (iso: string) => Date.parse(iso);
const NOW = T('2026-06-10T00:00:00Z');
const MONTH = '2026-04'; // 30 days = 43,200 minutes

let db: Db;
let api: ComponentRow;
afterEach(() => {
  db.$client.close();
  fs.rmSync(path.dirname(db.$client.name), { recursive: true, force: true });
});
beforeEach(() => {
  db = freshDb();
  api = createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: T('2026-03-01T00:00:00Z') }, OPS, NOW);
});

type Write = () => void;
const incident = (status: ComponentStatus, from: string, to: string | null): Write => () => {
  const i = createIncident(db, { title: `${status} ${from}`, impact: 'major', status: 'investigating', body: 'Investigating.', components: { api: status }, startedAt: T(from), displayAt: T(from) }, OPS, NOW);
  if (to) postUpdate(db, i.id, { status: 'resolved', body: 'Resolved.', displayAt: T(to) }, OPS, NOW);
};
const maintenance = (from: string, to: string): Write => () => {
  createMaintenance(db, { title: `Window ${from}`, body: '', scheduledFor: T(from), scheduledUntil: T(to), components: ['api'] }, OPS, NOW);
};

const sla = () => exportRow(getSlaReport(db, MONTH, NOW).rows.find((r) => r.component.slug === 'api')!);
const dayDowntimeMinutes = (iso: string) => {
  const days = loadDayRecords(db, [api], NOW, 120).get(api.id)!;
  return downtimeSeconds(days.find((d) => d.day === dayIndex(T(iso)))!.seconds) / 60;
};

function expectCacheEqualsRecompute(): void {
  const intervals = intervalsOf(db, api.id);
  const rollups = storedRollups(db, api.id);
  expect(rollups).toEqual(recomputeRollups(db, api.id));
  rebuildHistory(db, api.id, NOW);
  expect(intervalsOf(db, api.id)).toEqual(intervals);
  expect(storedRollups(db, api.id)).toEqual(rollups);
}

const orders = <T>(writes: T[]): [string, T[]][] => [
  ['as listed', writes],
  ['reversed', [...writes].reverse()],
];

describe('an outage only partly inside a maintenance window keeps the part outside', () => {
  // Major 02:40–03:25 in a window 02:00–03:00 (25 min outside); partial 01:30–02:30 in a window 01:00–02:00
  // (30 min × 0.3 = 9 outside): 34 minutes → (43,200 − 34) / 43,200 = 99.921296 %, 15 % credit.
  const writes = [maintenance('2026-04-03T02:00:00Z', '2026-04-03T03:00:00Z'), incident('major_outage', '2026-04-03T02:40:00Z', '2026-04-03T03:25:00Z'), maintenance('2026-04-05T01:00:00Z', '2026-04-05T02:00:00Z'), incident('partial_outage', '2026-04-05T01:30:00Z', '2026-04-05T02:30:00Z')];
  it.each(orders(writes))('%s', (_name, list) => {
    list.forEach((w) => w());
    expect(sla()).toMatchObject({ downtime_minutes: 34, excluded_minutes: 20 + 9, maintenance_minutes: 120, uptime_percentage: 99.921296, met: true, credit_percent: 15 });
    expect(dayDowntimeMinutes('2026-04-03')).toBeCloseTo(25, 9);
    expect(dayDowntimeMinutes('2026-04-05')).toBeCloseTo(9, 9);
    expect(intervalsOf(db, api.id).filter(([s]) => s !== 'operational')).toEqual([
      ['under_maintenance', T('2026-04-03T02:00:00Z'), T('2026-04-03T02:40:00Z'), true],
      ['major_outage', T('2026-04-03T02:40:00Z'), T('2026-04-03T03:00:00Z'), true],
      ['major_outage', T('2026-04-03T03:00:00Z'), T('2026-04-03T03:25:00Z')],
      ['under_maintenance', T('2026-04-05T01:00:00Z'), T('2026-04-05T01:30:00Z'), true],
      ['partial_outage', T('2026-04-05T01:30:00Z'), T('2026-04-05T02:00:00Z'), true],
      ['partial_outage', T('2026-04-05T02:00:00Z'), T('2026-04-05T02:30:00Z')],
    ]);
    expectCacheEqualsRecompute();
  });
});

describe('a later, milder incident does not replace a worse one still open', () => {
  // Major 10:00–11:00 and partial 10:30–12:00: 60 + 60 × 0.3 = 78 min → 99.819444 %, missed, 25 % credit.
  const writes = [incident('major_outage', '2026-04-10T10:00:00Z', '2026-04-10T11:00:00Z'), incident('partial_outage', '2026-04-10T10:30:00Z', '2026-04-10T12:00:00Z')];
  it.each(orders(writes))('%s', (_name, list) => {
    list.forEach((w) => w());
    expect(sla()).toMatchObject({ downtime_minutes: 78, uptime_percentage: 99.819444, met: false, credit_percent: 25 });
    expect(dayDowntimeMinutes('2026-04-10')).toBeCloseTo(78, 9);
    expectCacheEqualsRecompute();
  });

  it('an incident resolved while another still holds the component returns it to the other one\'s status', () => {
    const a = createIncident(db, { title: 'A', impact: 'critical', status: 'investigating', body: 'x', components: { api: 'major_outage' }, startedAt: T('2026-04-12T10:00:00Z'), displayAt: T('2026-04-12T10:05:00Z') }, OPS, NOW);
    const b = createIncident(db, { title: 'B', impact: 'minor', status: 'investigating', body: 'x', components: { api: 'degraded_performance' }, startedAt: T('2026-04-12T09:00:00Z'), displayAt: T('2026-04-12T09:05:00Z') }, OPS, NOW);
    postUpdate(db, a.id, { status: 'resolved', body: 'A fixed.', displayAt: T('2026-04-12T10:40:00Z') }, OPS, NOW);
    expect(intervalsOf(db, api.id).slice(-4)).toEqual([
      ['operational', T('2026-03-01T00:00:00Z'), T('2026-04-12T09:00:00Z')],
      ['degraded_performance', T('2026-04-12T09:00:00Z'), T('2026-04-12T10:00:00Z')],
      ['major_outage', T('2026-04-12T10:00:00Z'), T('2026-04-12T10:40:00Z')],
      ['degraded_performance', T('2026-04-12T10:40:00Z'), null],
    ]);
    postUpdate(db, b.id, { status: 'resolved', body: 'B fixed.', displayAt: T('2026-04-12T12:00:00Z') }, OPS, NOW);
    expect(intervalsOf(db, api.id).at(-1)).toEqual(['operational', T('2026-04-12T12:00:00Z'), null]);
    expect(sla().downtime_minutes).toBe(40);
    expectCacheEqualsRecompute();
  });
});

describe('rule 2 and maintenance on both sides', () => {
  it('a monitor outage under an incident declaring a milder status: the declaration wins while it holds', () => {
    // Monitors: major 10:00–11:00. Incident: degraded 09:30–10:30. Downtime = 10:30–11:00 = 30 min.
    declareFrom(db, api.id, 'monitor', 'operational', T('2026-04-15T08:00:00Z'));
    declareFrom(db, api.id, 'monitor', 'major_outage', T('2026-04-15T10:00:00Z'));
    declareFrom(db, api.id, 'monitor', 'operational', T('2026-04-15T11:00:00Z'));
    incident('degraded_performance', '2026-04-15T09:30:00Z', '2026-04-15T10:30:00Z')();
    expect(intervalsOf(db, api.id).filter(([s]) => s !== 'operational')).toEqual([
      ['degraded_performance', T('2026-04-15T09:30:00Z'), T('2026-04-15T10:30:00Z')],
      ['major_outage', T('2026-04-15T10:30:00Z'), T('2026-04-15T11:00:00Z')],
    ]);
    expect(sla().downtime_minutes).toBe(30);
    expect(dayDowntimeMinutes('2026-04-15')).toBeCloseTo(30, 9);
    expectCacheEqualsRecompute();
  });

  it.each(orders([maintenance('2026-04-20T02:00:00Z', '2026-04-20T03:00:00Z'), incident('major_outage', '2026-04-20T01:30:00Z', '2026-04-20T03:30:00Z')]))(
    'an outage overlapping a window on both sides counts the 30 + 30 minutes outside (%s)',
    (_name, list) => {
      list.forEach((w) => w());
      expect(sla()).toMatchObject({ downtime_minutes: 60, excluded_minutes: 60, maintenance_minutes: 60 });
      expect(dayDowntimeMinutes('2026-04-20')).toBeCloseTo(60, 9);
      expectCacheEqualsRecompute();
    },
  );

  it('an operator status holds from when it was set and yields to a worse incident', () => {
    setComponentStatus(db, api.id, 'degraded_performance', OPS, T('2026-04-22T10:00:00Z'));
    incident('major_outage', '2026-04-22T10:30:00Z', '2026-04-22T10:45:00Z')();
    setComponentStatus(db, api.id, null, OPS, T('2026-04-22T11:00:00Z'));
    expect(intervalsOf(db, api.id).filter(([s]) => s !== 'operational')).toEqual([
      ['degraded_performance', T('2026-04-22T10:00:00Z'), T('2026-04-22T10:30:00Z')],
      ['major_outage', T('2026-04-22T10:30:00Z'), T('2026-04-22T10:45:00Z')],
      ['degraded_performance', T('2026-04-22T10:45:00Z'), T('2026-04-22T11:00:00Z')],
    ]);
    expect(sla().downtime_minutes).toBe(15);
    expectCacheEqualsRecompute();
  });
});

it('keeps whole-day rollups exact across midnight and a month end', () => {
  incident('major_outage', '2026-04-30T23:00:00Z', '2026-05-01T01:00:00Z')();
  expect(dayDowntimeMinutes('2026-04-30')).toBe(60);
  expect(dayDowntimeMinutes('2026-05-01')).toBe(60);
  expect(sla().downtime_minutes).toBe(60);
  expect(MS_PER_MINUTE).toBe(60_000);
  expectCacheEqualsRecompute();
});
