import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { components } from '../../../db/schema';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../domain/constants';
import type { ComponentStatus } from '../../domain/enums';
import { freshDb } from '../../testing/db';
import { intervalsOf, recomputeRollups, storedRollups } from '../../testing/rollups';
import type { Db } from '../db';
import type { Actor } from './actor';
import { createComponent, setComponentStatus } from './components';
import { createIncident, postUpdate } from './incidents';
import { refreshStatus } from './status-core';

const A: Actor = { type: 'cli', name: 'test' };
const T0 = Date.UTC(2028, 1, 27, 20); // spans the leap day 2028-02-29
const H = MS_PER_HOUR;

let db: Db;
beforeEach(() => {
  db = freshDb();
});

function expectRollupsConsistent(id: number): void {
  const stored = storedRollups(db, id);
  const recomputed = recomputeRollups(db, id);
  expect(Object.keys(stored).sort()).toEqual(Object.keys(recomputed).sort());
  for (const [day, v] of Object.entries(recomputed)) {
    for (const [k, s] of Object.entries(v)) expect(stored[day][k as keyof typeof v], `day ${day} ${k}`).toBeCloseTo(s, 6);
  }
}

describe('refreshStatus: forward changes', () => {
  it('closes the open interval, opens the next, and rolls closed time into days', () => {
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0);
    setComponentStatus(db, c.id, 'major_outage', A, T0 + 3 * H); // 23:00 Feb 27
    setComponentStatus(db, c.id, 'partial_outage', A, T0 + 5 * H); // 01:00 Feb 28
    setComponentStatus(db, c.id, null, A, T0 + 30 * H); // 02:00 Feb 29

    expect(intervalsOf(db, c.id)).toEqual([
      ['operational', T0, T0 + 3 * H],
      ['major_outage', T0 + 3 * H, T0 + 5 * H],
      ['partial_outage', T0 + 5 * H, T0 + 30 * H],
      ['operational', T0 + 30 * H, null],
    ]);
    const day = (ms: number) => String(Math.floor(ms / MS_PER_DAY));
    const stored = storedRollups(db, c.id);
    expect(stored[day(T0)]).toEqual({ operational: 3 * 3600, maintenance: 0, degraded: 0, partial: 0, major: 3600 });
    expect(stored[day(T0 + 5 * H)]).toEqual({ operational: 0, maintenance: 0, degraded: 0, partial: 23 * 3600, major: 3600 });
    expect(stored[day(Date.UTC(2028, 1, 29))]).toEqual({ operational: 0, maintenance: 0, degraded: 0, partial: 2 * 3600, major: 0 });
    expect(db.select().from(components).where(eq(components.id, c.id)).get()).toMatchObject({ status: 'operational', statusChangedAt: T0 + 30 * H });
    expectRollupsConsistent(c.id);
  });

  it('records nothing when the status does not change', () => {
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0);
    const r = refreshStatus(db, c.id, T0 + H, T0 + H, { source: 'system' });
    expect(r).toEqual({ old: 'operational', next: 'operational', changed: false });
    expect(intervalsOf(db, c.id)).toEqual([['operational', T0, null]]);
  });

  it('never records before the component started nor after now', () => {
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0 + 10 * H);
    db.update(components).set({ manualStatus: 'degraded_performance' }).where(eq(components.id, c.id)).run();
    refreshStatus(db, c.id, T0 - 5 * H, T0 + 10 * H, { source: 'manual' });
    expect(intervalsOf(db, c.id)).toEqual([['degraded_performance', T0, null]]);
    db.update(components).set({ manualStatus: 'major_outage' }).where(eq(components.id, c.id)).run();
    refreshStatus(db, c.id, T0 + 99 * H, T0 + 11 * H, { source: 'manual' });
    expect(intervalsOf(db, c.id)).toEqual([
      ['degraded_performance', T0, T0 + 11 * H],
      ['major_outage', T0 + 11 * H, null],
    ]);
  });
});

describe('refreshStatus: backfill', () => {
  // What happens to history recorded after `at` is a policy (docs/DECISIONS.md); these pin what must hold either way.
  it('records the backfilled status from its time, keeps earlier history, ends with the new status and corrects the rollups', () => {
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0);
    setComponentStatus(db, c.id, 'degraded_performance', A, T0 + 10 * H);
    setComponentStatus(db, c.id, null, A, T0 + 12 * H);
    const now = T0 + 50 * H;
    expect(Object.values(storedRollups(db, c.id)).reduce((s, d) => s + d.degraded, 0)).toBe(2 * 3600);

    createIncident(db, { title: 'Down', impact: 'critical', status: 'investigating', body: 'x', components: { [c.id]: 'major_outage' }, startedAt: T0 + 8 * H, displayAt: now }, A, now);
    const ivs = intervalsOf(db, c.id);
    expect(ivs[0]).toEqual(['operational', T0, T0 + 8 * H]);
    expect(ivs[1].slice(0, 2)).toEqual(['major_outage', T0 + 8 * H]);
    expect(ivs.at(-1)![0]).toBe('major_outage');
    expect(ivs.at(-1)![2]).toBeNull();
    for (let i = 1; i < ivs.length; i++) expect(ivs[i][1]).toBe(ivs[i - 1][2]);
    expect(db.select().from(components).where(eq(components.id, c.id)).get()!.status).toBe('major_outage');
    expectRollupsConsistent(c.id);
  });

  it('splits an interval that straddles the backfilled time', () => {
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0);
    setComponentStatus(db, c.id, 'partial_outage', A, T0 + 2 * H);
    setComponentStatus(db, c.id, null, A, T0 + 40 * H);
    db.update(components).set({ manualStatus: 'major_outage' }).where(eq(components.id, c.id)).run();
    refreshStatus(db, c.id, T0 + 20 * H, T0 + 45 * H, { source: 'incident' });
    const ivs = intervalsOf(db, c.id);
    expect(ivs.slice(0, 3)).toEqual([
      ['operational', T0, T0 + 2 * H],
      ['partial_outage', T0 + 2 * H, T0 + 20 * H],
      expect.arrayContaining(['major_outage', T0 + 20 * H]),
    ]);
    expect(ivs.at(-1)).toEqual(['major_outage', expect.any(Number), null]);
    expectRollupsConsistent(c.id);
  });

  it('keeps the rollups equal to an independent recomputation over a random mix of forward and backfilled writes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const statuses: (ComponentStatus | null)[] = [null, 'operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0);
    let now = T0;
    for (let i = 0; i < 150; i++) {
      now += Math.floor(rand() * 9 * H) + MS_PER_MINUTE;
      const status = statuses[Math.floor(rand() * statuses.length)];
      const at = rand() < 0.25 ? now - Math.floor(rand() * 3 * MS_PER_DAY) : now;
      db.update(components).set({ manualStatus: status }).where(eq(components.id, c.id)).run();
      refreshStatus(db, c.id, at, now, { source: 'manual' });
    }
    const ivs = intervalsOf(db, c.id);
    for (let i = 1; i < ivs.length; i++) expect(ivs[i][1]).toBe(ivs[i - 1][2]); // contiguous, no gaps or overlaps
    expect(ivs.at(-1)![2]).toBeNull();
    expectRollupsConsistent(c.id);
  });

  it('keeps the rollups consistent through backdated incident updates', () => {
    const c = createComponent(db, { name: 'API', startDate: T0 }, A, T0);
    const now = T0 + 5 * MS_PER_DAY;
    const inc = createIncident(db, { title: 'Slow', impact: 'minor', status: 'investigating', body: 'x', components: { [c.id]: 'degraded_performance' }, startedAt: T0 + 30 * H, displayAt: T0 + 30 * H }, A, now);
    postUpdate(db, inc.id, { status: 'identified', body: 'y', components: { [c.id]: 'partial_outage' }, displayAt: T0 + 50 * H }, A, now);
    postUpdate(db, inc.id, { status: 'resolved', body: 'z', displayAt: T0 + 52 * H }, A, now);
    expect(intervalsOf(db, c.id)).toEqual([
      ['operational', T0, T0 + 30 * H],
      ['degraded_performance', T0 + 30 * H, T0 + 50 * H],
      ['partial_outage', T0 + 50 * H, T0 + 52 * H],
      ['operational', T0 + 52 * H, null],
    ]);
    expectRollupsConsistent(c.id);
  });
});

describe('refreshStatus: a backfill keeps what other incidents recorded later', () => {
  it('a late write-up of an earlier incident covers only its own span', () => {
    const now = T0 + 100 * H;
    const c = createComponent(db, { name: 'Web', slug: 'web', startDate: T0 }, A, T0);
    // Recorded live: B from +50 h to +51 h.
    const b = createIncident(db, { title: 'B', impact: 'major', status: 'investigating', body: 'b', components: { web: 'major_outage' }, startedAt: T0 + 50 * H, displayAt: T0 + 50 * H }, A, T0 + 50 * H);
    postUpdate(db, b.id, { status: 'resolved', body: 'ok', displayAt: T0 + 51 * H }, A, T0 + 51 * H);
    // Written up afterwards: A from +10 h to +12 h, partial.
    const a = createIncident(db, { title: 'A', impact: 'major', status: 'investigating', body: 'a', components: { web: 'partial_outage' }, startedAt: T0 + 10 * H, displayAt: T0 + 10 * H }, A, now);
    postUpdate(db, a.id, { status: 'resolved', body: 'ok', displayAt: T0 + 12 * H }, A, now);

    const spans = intervalsOf(db, c.id).filter(([s]) => s !== 'operational');
    expect(spans).toEqual([
      ['partial_outage', T0 + 10 * H, T0 + 12 * H],
      ['major_outage', T0 + 50 * H, T0 + 51 * H],
    ]);
    expect(db.select().from(components).where(eq(components.id, c.id)).get()!.status).toBe('operational');
    expectRollupsConsistent(c.id);
  });

  it('a still-open backfilled incident shows from now on, without erasing the later history', () => {
    const now = T0 + 100 * H;
    const c = createComponent(db, { name: 'Web', slug: 'web', startDate: T0 }, A, T0);
    const b = createIncident(db, { title: 'B', impact: 'major', status: 'investigating', body: 'b', components: { web: 'major_outage' }, startedAt: T0 + 50 * H, displayAt: T0 + 50 * H }, A, T0 + 50 * H);
    postUpdate(db, b.id, { status: 'resolved', body: 'ok', displayAt: T0 + 51 * H }, A, T0 + 51 * H);
    createIncident(db, { title: 'A', impact: 'minor', status: 'investigating', body: 'a', components: { web: 'degraded_performance' }, startedAt: T0 + 10 * H, displayAt: now }, A, now);

    const ivs = intervalsOf(db, c.id);
    expect(ivs).toContainEqual(['degraded_performance', T0 + 10 * H, T0 + 50 * H]);
    expect(ivs).toContainEqual(['major_outage', T0 + 50 * H, T0 + 51 * H]);
    expect(ivs.at(-1)).toEqual(['degraded_performance', now, null]);
    expectRollupsConsistent(c.id);
  });
});
