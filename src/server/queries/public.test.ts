import { afterEach, describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../domain/constants';
import { openDatabase, setDb, type Db } from '../db';
import { tempDbPath } from '../../testing/server-harness';
import { type Actor, cliActor } from '../services/actor';
import { createComponent, createGroup } from '../services/components';
import { createIncident, postUpdate } from '../services/incidents';
import { createMaintenance } from '../services/maintenance';
import { getComponentDetail, getHistory, getIncident, getOverview } from './public';
import { getPastIncidents } from './past-incidents';

const A: Actor = cliActor('test');
const NOW = Date.UTC(2026, 10, 23, 15);

let statements: string[] = [];
let db: Db | undefined;
afterEach(() => {
  db?.$client.close();
  db = undefined;
});

/** A page with 3 components and an incident every 5 days over `days` days of history, plus one active incident and maintenance. */
function seedHistory(days: number): Db {
  const d = openDatabase(tempDbPath('statuspage-count-'), { verbose: (s) => statements.push(String(s)) });
  setDb(d);
  const start = NOW - days * MS_PER_DAY;
  const g = createGroup(d, { name: 'Core' }, A, start);
  const ids = ['api', 'web', 'db'].map((slug) => createComponent(d, { name: slug, slug, groupId: g.id, startDate: start }, A, start).id);
  for (let t = start + MS_PER_DAY; t < NOW - 2 * MS_PER_DAY; t += 5 * MS_PER_DAY) {
    const inc = createIncident(d, { title: `Outage at ${t}`, impact: 'major', status: 'investigating', body: 'x', components: { [ids[(t / MS_PER_DAY) % 3 | 0]]: 'partial_outage' }, startedAt: t, displayAt: t }, A, NOW);
    postUpdate(d, inc.id, { status: 'resolved', body: 'ok', displayAt: t + 2 * MS_PER_HOUR }, A, NOW);
  }
  createIncident(d, { title: 'Now', impact: 'minor', status: 'investigating', body: 'x', components: { api: 'degraded_performance' }, startedAt: NOW - 30 * MS_PER_MINUTE }, A, NOW);
  createMaintenance(d, { title: 'Soon', body: 'x', scheduledFor: NOW + MS_PER_DAY, scheduledUntil: NOW + MS_PER_DAY + MS_PER_HOUR, components: ['db'] }, A, NOW);
  return d;
}

function countStatements(fn: () => void): number {
  statements = [];
  fn();
  return statements.length;
}

describe('the read model of / does not grow with history', () => {
  it('runs the same number of SQL statements for 10 days and 1,000 days of history', () => {
    const counts: number[] = [];
    const shapes: string[][] = [];
    for (const days of [10, 1000]) {
      db = seedHistory(days);
      const o = getOverview(db, NOW); // warm-up, then measure
      expect(o.activeIncidents).toHaveLength(1);
      expect(o.groups[0].components).toHaveLength(3);
      expect(o.groups[0].components[0].days).toHaveLength(90);
      counts.push(countStatements(() => getOverview(db!, NOW)));
      shapes.push(statements.map((s) => s.replace(/\d+/g, 'N')));
      db.$client.close();
      db = undefined;
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
    expect(shapes[1]).toEqual(shapes[0]);
  });

  it('the history and component pages also run a fixed number of statements', () => {
    const counts: number[][] = [];
    for (const days of [10, 1000]) {
      db = seedHistory(days);
      counts.push([countStatements(() => getHistory(db!, { page: 1, perPage: 10 })), countStatements(() => getComponentDetail(db!, 'api', NOW))]);
      db.$client.close();
      db = undefined;
    }
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('getOverview figures', () => {
  it('90-day uptime equals an independent computation from the seeded outages', () => {
    db = seedHistory(100);
    const o = getOverview(db, NOW);
    const byName = Object.fromEntries(o.groups[0].components.map((c) => [c.slug, c]));
    // Recount the seeded partial outages (2 h each, weight 0.3) that fall inside the 90-day window.
    const first = Math.floor(NOW / MS_PER_DAY) - 89;
    const start = NOW - 100 * MS_PER_DAY;
    const partial: Record<string, number> = { api: 0, web: 0, db: 0 };
    for (let t = start + MS_PER_DAY; t < NOW - 2 * MS_PER_DAY; t += 5 * MS_PER_DAY) {
      if (Math.floor(t / MS_PER_DAY) >= first) partial[['api', 'web', 'db'][(t / MS_PER_DAY) % 3 | 0]] += 7200;
    }
    const counted = (NOW - first * MS_PER_DAY) / 1000;
    for (const slug of ['web', 'db']) {
      expect(byName[slug].uptime).toBeCloseTo((1 - (0.3 * partial[slug]) / counted) * 100, 9);
    }
    expect(o.overall.indicator).toBe('minor');
  });
});

describe('query plans of the public read models', () => {
  /** Tables whose size is configuration, not history; and the newest change, read backwards with LIMIT 1. */
  const BOUNDED = /^SCAN (settings|component_groups|components|json_each|j)\b/;
  const plansOf = (d: Db, fn: () => void): { detail: string; sql: string }[] => {
    statements = [];
    fn();
    return [...new Set(statements)].flatMap((s) => {
      const params = (s.match(/\?/g) ?? []).map(() => null);
      return (d.$client.prepare(`EXPLAIN QUERY PLAN ${s}`).all(...params) as { detail: string }[]).map((r) => ({ detail: r.detail, sql: s }));
    });
  };

  it('/, a component page and the past incidents reach history rows through an index, never by scanning a table that grows with it', () => {
    db = seedHistory(400);
    const d = db;
    const plans = plansOf(d, () => {
      getOverview(d, NOW);
      getComponentDetail(d, 'web', NOW);
      getPastIncidents(d, NOW);
    });
    expect(plans.length).toBeGreaterThan(15);
    const scans = plans.filter((p) => p.detail.startsWith('SCAN ') && !BOUNDED.test(p.detail) && !/^select "at" from "change_log" order by "change_log"."id" desc limit 1/.test(p.sql));
    expect(scans.map((p) => `${p.detail} ← ${p.sql.slice(0, 120)}`)).toEqual([]);
    // The incidents a day record shows are found from the window's end dates.
    expect(plans.some((p) => p.detail.includes('incidents_resolved_idx'))).toBe(true);
  });
});

describe('loadIncidents', () => {
  it('in lists, each incident carries only its newest update (latest shown time, then the last written of a tie)', () => {
    db = seedHistory(10);
    const inc = createIncident(db, { title: 'Ties', impact: 'minor', status: 'investigating', body: 'first', components: { web: 'degraded_performance' }, startedAt: NOW - 5 * MS_PER_HOUR, displayAt: NOW - 5 * MS_PER_HOUR }, A, NOW);
    postUpdate(db, inc.id, { status: 'identified', body: 'second, same time', displayAt: NOW - 2 * MS_PER_HOUR }, A, NOW);
    postUpdate(db, inc.id, { status: 'monitoring', body: 'third, same time, written last', displayAt: NOW - 2 * MS_PER_HOUR }, A, NOW);
    const list = getOverview(db, NOW).activeIncidents.find((i) => i.id === inc.id)!;
    expect(list.updates.map((u) => u.body)).toEqual(['third, same time, written last']);
    const full = getHistory(db, { page: 1, perPage: 50 }).months.flatMap((m) => m.incidents).find((i) => i.id === inc.id)!;
    expect(full.updates).toHaveLength(1);
    expect(getIncident(db, inc.id)!.updates.map((u) => u.body)).toEqual(['third, same time, written last', 'second, same time', 'first']);
  });
});
