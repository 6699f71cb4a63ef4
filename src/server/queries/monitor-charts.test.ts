/** The monitor figures behind the overview's sparklines and a component page's charts, read from a real database. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monitorDaily, monitorResults, monitors } from '../../../db/schema';
import { dayIndex } from '../../domain/time';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { type Actor, cliActor } from '../services/actor';
import { createComponent } from '../services/components';
import { getComponentCharts, getSparklines } from './monitor-charts';

const OPS: Actor = cliActor('test');
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-10T12:00:00Z');
const TODAY = dayIndex(NOW);

let db: Db;
let api: number;
let web: number;
let quiet: number;
beforeEach(() => {
  db = freshDb();
  [api, web, quiet] = ['api', 'web', 'quiet'].map((slug) => createComponent(db, { name: slug, slug, startDate: NOW - 100 * DAY }, OPS, NOW - 100 * DAY).id);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(path.dirname(db.$client.name), { recursive: true, force: true });
});

function monitor(componentId: number, name: string): number {
  return db.insert(monitors).values({ componentId, name, type: 'http', config: '{"url":"http://127.0.0.1:9/"}' }).returning({ id: monitors.id }).get().id;
}
function daily(monitorId: number, day: number, p95: number | null, checks = 1440): void {
  db.insert(monitorDaily).values({ monitorId, day, checks, failures: 0, p50: p95 === null ? null : p95 / 2, p95, p99: p95 }).run();
}

describe('getSparklines', () => {
  it('draws, per component with monitors, the slowest monitor’s daily p95 over 30 days; days without checks are gaps', () => {
    const a1 = monitor(api, 'api eu');
    const a2 = monitor(api, 'api us');
    const w = monitor(web, 'web');
    daily(a1, TODAY, 100);
    daily(a2, TODAY, 300); // the slower monitor wins the day
    daily(a1, TODAY - 1, 200.4);
    daily(a2, TODAY - 1, 50);
    daily(a1, TODAY - 2, 999, 0); // no checks that day: not a figure
    daily(a1, TODAY - 30, 5000); // outside the 30-day window
    daily(w, TODAY, null); // checks but no latency (all failed)
    daily(w, TODAY - 3, 80);

    const s = getSparklines(db, NOW);
    expect([...s.keys()].sort()).toEqual([api, web].sort());
    expect(s.has(quiet)).toBe(false);
    expect(s.get(api)!.label).toBe('Response time (p95) over 30 days: 200 to 300 ms');
    // Two adjacent days at the right edge, one segment: x = 96.6 (day 29 of 30) and 100, y from 0..max=300.
    expect(s.get(api)!.segments).toHaveLength(1);
    expect(s.get(api)!.segments[0].split(' ')).toHaveLength(2);
    expect(s.get(web)!.label).toBe('Response time (p95) over 30 days: 80 to 80 ms');
  });
});

describe('getComponentCharts', () => {
  it('lists each monitor’s checks of the last 24 hours in time order, failures as gaps, older checks left out', () => {
    const a1 = monitor(api, 'api eu');
    const a2 = monitor(api, 'api us');
    monitor(web, 'web');
    const insert = (monitorId: number, at: number, ok: boolean, latencyMs: number | null) => db.insert(monitorResults).values({ monitorId, at, ok, latencyMs }).run();
    insert(a1, NOW - 60_000, true, 120.6);
    insert(a1, NOW - 3_600_000, false, 900);
    insert(a1, NOW - 2 * DAY, true, 10); // older than a day
    insert(a2, NOW - 120_000, true, null);
    daily(a1, TODAY, 100);
    daily(a2, TODAY, 300);
    daily(a1, TODAY - 10, 40);

    const c = getComponentCharts(db, api, [], NOW);
    expect(c.hasMonitors).toBe(true);
    expect(c.series.recent).toEqual([
      { label: 'api eu', points: [[82_800, null], [86_340, 121]] },
      { label: 'api us', points: [[86_280, null]] },
    ]);
    expect(c.series.daily.d7.p95.at(-1)).toBe(300);
    expect(c.series.daily.d7.p50.at(-1)).toBe(150);
    expect(c.series.daily.d30.p95.at(-11)).toBe(40);
    expect(c.series.daily.d90.labels).toHaveLength(90);
    expect(getComponentCharts(db, quiet, [], NOW)).toMatchObject({ hasMonitors: false, series: { recent: [] } });
  });

  it('keeps each monitor’s last day between reads: new checks appear, old ones leave the window, and going back in time reads it whole', () => {
    const m = monitor(api, 'api');
    const insert = (at: number, latencyMs: number) => db.insert(monitorResults).values({ monitorId: m, at, ok: true, latencyMs }).run();
    insert(NOW - 2 * 3_600_000, 10);
    insert(NOW - 3_600_000, 20);
    const points = (now: number) => getComponentCharts(db, api, [], now).series.recent[0].points.map(([, v]) => v);
    expect(points(NOW)).toEqual([10, 20]);
    insert(NOW + 60_000, 30);
    expect(points(NOW + 120_000)).toEqual([10, 20, 30]);
    // 23 h later the first check is older than a day.
    expect(points(NOW + 22 * 3_600_000 + 60_000)).toEqual([20, 30]);
    insert(NOW + 23 * 3_600_000, 40);
    expect(points(NOW + 23 * 3_600_000 + 1000)).toEqual([30, 40]);
    // An earlier `now` than the kept window: read whole, so the dropped checks are back.
    expect(points(NOW)).toEqual([10, 20]);
  });
});
