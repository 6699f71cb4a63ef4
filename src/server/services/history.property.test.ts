/**
 * DESIGN rule 5 / issues 11 and 26: the effective history, every day rollup and every SLA month are a cache of the
 * declarations, so they come out identical for every order of the writes and equal to a rebuild from scratch —
 * with reads, month closings, exclusions (and their reversal), reopenings and SLA settings changes interleaved.
 * A closed month keeps the settings it closed with, so the scratch figures of a closed month use those.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from '../../domain/enums';
import { freshDb } from '../../testing/db';
import { intervalsOf, storedRollups } from '../../testing/rollups';
import type { Db } from '../db';
import type { Actor } from './actor';
import { createComponent, setComponentStatus } from './components';
import { declareFrom } from './declarations';
import { createIncident, deleteIncident, postUpdate, setSlaExclusion } from './incidents';
import { createMaintenance } from './maintenance';
import { monthSpan } from '../../domain/sla';
import { getSettings } from '../queries/settings';
import { listSlaComponents, loadExcludedIncidents, loadFrozenMonth } from '../queries/sla';
import { exportRow, freezeSlaMonth, getSlaReport } from './sla';
import { componentFigures, policyOf } from './sla-revisions';
import { saveSlaSettings } from './sla-settings';
import { rebuildHistory } from './status-core';
import { cliActor } from './actor';

const OPS: Actor = cliActor('property');
const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 1); // March–May 2026
const NOW = Date.UTC(2026, 5, 1, 12);
const MONTHS = ['2026-03', '2026-04', '2026-05'];
const SLUGS = ['a', 'b'];
const OUTAGES: ComponentStatus[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];

const at = fc.integer({ min: 0, max: 90 * 24 }).map((h) => T0 + h * H);
const slug = fc.constantFrom(...SLUGS);
const declared = fc.dictionary(slug, fc.constantFrom(...OUTAGES), { minKeys: 1, maxKeys: 2 });
const incident = fc.record({
  start: at,
  components: declared,
  updates: fc.array(fc.record({ gapH: fc.integer({ min: 0, max: 40 }), status: fc.constantFrom<'identified' | 'monitoring' | 'resolved' | 'investigating'>('identified', 'monitoring', 'resolved', 'investigating'), components: fc.option(declared) }), { maxLength: 3 }),
  excluded: fc.constantFrom('no', 'yes', 'then included again'),
  deleted: fc.boolean(),
});
const maintenance = fc.record({ start: at, hours: fc.integer({ min: 1, max: 30 }), components: fc.subarray(SLUGS, { minLength: 1 }) });
const live = fc.record({ hour: fc.integer({ min: 0, max: 90 * 24 }), slug, status: fc.option(fc.constantFrom(...OUTAGES.slice(0, 4))) });
const scenario = fc.record({
  incidents: fc.array(incident, { maxLength: 4 }),
  maintenances: fc.array(maintenance, { maxLength: 3 }),
  monitor: fc.array(live, { maxLength: 5 }),
  manual: fc.array(live, { maxLength: 3 }),
  slaCloses: fc.integer({ min: 0, max: 2 }),
  slaReads: fc.integer({ min: 0, max: 3 }),
  policies: fc.array(fc.record({ allowance: fc.integer({ min: 0, max: 600 }), credit: fc.integer({ min: 1, max: 50 }), policy: fc.constantFrom('exclude_all' as const, 'count_excess' as const) }), { maxLength: 2 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
type Op = (db: Db, ids: Record<string, number>) => void;

/** Each chain must run in its own order (an incident's updates, a live source's timeline); chains interleave freely. */
function chains(s: Scenario): Op[][] {
  const out: Op[][] = [];
  for (const inc of s.incidents) {
    const chain: Op[] = [];
    let id = 0;
    let t = inc.start;
    chain.push((db) => {
      id = createIncident(db, { title: 't', impact: 'major', status: 'investigating', body: 'x', components: inc.components, startedAt: inc.start, displayAt: inc.start }, OPS, NOW).id;
    });
    for (const u of inc.updates) {
      t = Math.min(t + u.gapH * H, NOW - H);
      const displayAt = t;
      chain.push((db) => void postUpdate(db, id, { status: u.status, body: 'u', components: u.components ?? undefined, displayAt }, OPS, NOW));
    }
    if (inc.excluded !== 'no') chain.push((db) => void setSlaExclusion(db, id, true, 'agreed', OPS, NOW));
    if (inc.excluded === 'then included again') chain.push((db) => void setSlaExclusion(db, id, false, null, OPS, NOW));
    if (inc.deleted) chain.push((db) => deleteIncident(db, id, OPS, NOW));
    out.push(chain);
  }
  for (const m of s.maintenances) {
    out.push([(db) => void createMaintenance(db, { title: 'm', body: '', scheduledFor: m.start, scheduledUntil: m.start + m.hours * H, components: m.components }, OPS, NOW)]);
  }
  // Live sources declare at their own clock: one timeline per source and component, in time order.
  for (const [source, events] of [['monitor', s.monitor], ['manual', s.manual]] as const) {
    for (const sl of SLUGS) {
      const mine = events.filter((e) => e.slug === sl).sort((a, b) => a.hour - b.hour);
      const chain = mine.map((e): Op => (db, ids) => {
        const when = T0 + e.hour * H;
        if (source === 'monitor') declareFrom(db, ids[sl], 'monitor', e.status, when);
        else setComponentStatus(db, ids[sl], e.status, OPS, when);
      });
      if (chain.length) out.push(chain);
    }
  }
  // The month-end job closes months mid-way; later writes must revise what they touch. Reads must change nothing.
  for (let i = 0; i < s.slaCloses; i++) out.push([(db) => MONTHS.forEach((m) => freezeSlaMonth(db, m, NOW))]);
  for (let i = 0; i < s.slaReads; i++) out.push([(db) => MONTHS.forEach((m) => getSlaReport(db, m, NOW, { includeHidden: true }))]);
  for (const p of s.policies) {
    out.push([(db) => saveSlaSettings(db, { ...getSettings(db), maintenanceAllowanceMinutes: p.allowance, maintenancePolicy: p.policy, creditTiers: [{ below: 99.99, atLeast: 0, creditPercent: p.credit }] }, OPS, NOW)]);
  }
  return out;
}

function snapshot(db: Db, ids: Record<string, number>) {
  return {
    intervals: SLUGS.map((sl) => intervalsOf(db, ids[sl])),
    rollups: SLUGS.map((sl) => storedRollups(db, ids[sl])),
    sla: MONTHS.map((m) => getSlaReport(db, m, NOW).rows.map(exportRow)),
  };
}

/** Every month's figures computed afresh from the rebuilt history: a closed month with the settings it closed with. */
function scratchSla(db: Db) {
  const now = getSettings(db);
  return MONTHS.map((m) => {
    const range = monthSpan(m)!;
    const excluded = loadExcludedIncidents(db, range);
    const frozen = loadFrozenMonth(db, m);
    return listSlaComponents(db).flatMap((c) => {
      const f = frozen.get(c.id);
      const policy = f ? { creditTiers: f.creditTiers, maintenanceAllowanceMinutes: f.maintenanceAllowanceMinutes, maintenancePolicy: f.maintenancePolicy } : policyOf(now);
      const figures = componentFigures(db, f ? { ...c, target: f.target } : c, m, range, NOW, policy, excluded);
      return figures ? [exportRow({ component: c, figures })] : [];
    });
  });
}

function run(s: Scenario, picks: number[]) {
  const db = freshDb();
  db.$client.pragma('synchronous = OFF'); // durability is not under test here; hundreds of databases are
  const ids: Record<string, number> = {};
  for (const sl of SLUGS) ids[sl] = createComponent(db, { name: sl, slug: sl, startDate: T0 }, OPS, T0).id;
  const queue = chains(s);
  for (let i = 0; queue.some((c) => c.length); i++) {
    const open = queue.filter((c) => c.length);
    open[picks[i % picks.length] % open.length].shift()!(db, ids);
  }
  const result = snapshot(db, ids);
  for (const sl of SLUGS) rebuildHistory(db, ids[sl], NOW);
  const scratch = { ...snapshot(db, ids), sla: scratchSla(db) };
  db.$client.close();
  fs.rmSync(path.dirname(db.$client.name), { recursive: true, force: true });
  return { result, scratch };
}

describe('history is a cache of the declarations', () => {
  it('is identical for every order of the writes and equal to recomputing from scratch', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (s, p1, p2) => {
        const first = run(s, p1);
        const second = run(s, p2);
        expect(first.result).toEqual(first.scratch);
        expect(second.result).toEqual(second.scratch);
        // Settings changes are ordered (the last wins, a month closes with those then in force); the rest never is.
        if (s.policies.length === 0) expect(second.result).toEqual(first.result);
        else expect({ ...second.result, sla: [] }).toEqual({ ...first.result, sla: [] });
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) },
    );
  }, 120_000);
});
