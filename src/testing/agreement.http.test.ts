/**
 * Issue 11: /api/sla.json, /sla.csv, /sla, the day bars of / and the component page read one history through one
 * downtime function, so they agree to the minute on the same month (last month, inside the 90 days of bars).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_OUTAGE_WEIGHT } from '../domain/constants';
import type { ComponentStatus } from '../domain/enums';
import type { Db } from '../server/db';
import { createComponent } from '../server/services/components';
import { createIncident, postUpdate } from '../server/services/incidents';
import { createMaintenance } from '../server/services/maintenance';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const OPS = cliActor('agreement');
const now = Date.now();
const d = new Date(now);
const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
const MONTH = new Date(monthStart).toISOString().slice(0, 7);
const at = (day: number, hhmm: string) => monthStart + (day - 1) * 86_400_000 + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;

function seed(db: Db): void {
  createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: monthStart - 40 * 86_400_000 }, OPS, now);
  const outage = (status: ComponentStatus, day: number, from: string, to: string) => {
    const i = createIncident(db, { title: `Outage ${day} ${from}`, impact: 'major', status: 'investigating', body: 'x', components: { api: status }, startedAt: at(day, from), displayAt: at(day, from) }, OPS, now);
    postUpdate(db, i.id, { status: 'resolved', body: 'y', displayAt: at(day, to) }, OPS, now);
  };
  const window = (day: number, from: string, to: string) => createMaintenance(db, { title: `Window ${day}`, body: '', scheduledFor: at(day, from), scheduledUntil: at(day, to), components: ['api'] }, OPS, now);
  // Written in an awkward order on purpose: outages before the windows that overlap them, the milder one first.
  outage('major_outage', 3, '02:40', '03:25');
  window(3, '02:00', '03:00');
  outage('partial_outage', 5, '01:30', '02:30');
  window(5, '01:00', '02:00');
  outage('partial_outage', 10, '10:30', '12:00');
  outage('major_outage', 10, '10:00', '11:00');
  window(20, '02:00', '03:00');
  outage('major_outage', 20, '01:30', '03:30');
}

let server: RunningServer;
const dbPath = tempDbPath('statuspage-agreement-');
beforeAll(async () => {
  seedDatabase(dbPath, seed);
  server = await startServer({ dbPath });
}, 30_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const text = async (p: string) => {
  const r = await fetch(server.baseURL + p);
  expect(r.status, p).toBe(200);
  return r.text();
};

/** Weighted downtime and maintenance minutes of the month's day bars, read from their tooltips. */
function fromDayBars(html: string): { downtime: number; maintenance: number } {
  let downtime = 0;
  let maintenance = 0;
  // Plain days (bare `<li title="date">`) had no downtime and no maintenance; only the others carry minutes.
  const all = [...html.matchAll(/<ol class="bars"[^>]*>([\s\S]*?)<\/ol>/g)].map((m) => m[1].split('<li').length - 1);
  expect(Math.min(...all)).toBeGreaterThanOrEqual(28);
  const bars = [...html.matchAll(/data-date="(\d{4}-\d{2}-\d{2})"[\s\S]*?<span class="tip-line">([^<]*)<\/span>/g)];
  expect(bars.length).toBeGreaterThan(0);
  for (const [, date, line] of bars) {
    if (!date.startsWith(MONTH)) continue;
    const minutes = (label: string) => Number(new RegExp(`${label} ([\\d.]+) min`).exec(line)?.[1] ?? 0);
    downtime += minutes('Major outage') + minutes('Partial outage') * PARTIAL_OUTAGE_WEIGHT;
    maintenance += minutes('Maintenance');
  }
  return { downtime: Math.round(downtime * 1000) / 1000, maintenance };
}

describe('every view of the record agrees on the month', () => {
  // 25 + 9 (outages partly inside windows) + 78 (major with a milder overlap) + 60 (outage around a window) = 172
  const DOWNTIME = 172;
  const MAINTENANCE = 180;

  it('the exports, the SLA page, the day bars and the component page', async () => {
    const json = (await (await fetch(`${server.baseURL}/api/sla.json?month=${MONTH}`)).json()) as { components: { slug: string; downtime_minutes: number; maintenance_minutes: number }[] };
    expect(json.components.find((c) => c.slug === 'api')).toMatchObject({ downtime_minutes: DOWNTIME, maintenance_minutes: MAINTENANCE });

    const csv = (await text(`/sla.csv?month=${MONTH}`)).split('\r\n');
    const cols = csv[0].split(',');
    const row = csv.find((l) => l.includes(',api,'))!.split(',');
    expect(Number(row[cols.indexOf('downtime_minutes')])).toBe(DOWNTIME);
    expect(Number(row[cols.indexOf('maintenance_minutes')])).toBe(MAINTENANCE);

    const page = await text(`/sla?month=${MONTH}`);
    const tr = /<tr data-component="api">([\s\S]*?)<\/tr>/.exec(page)![1];
    expect(/data-field="downtime">([\d.]+)</.exec(tr)![1]).toBe(String(DOWNTIME));
    expect(/data-field="maintenance">\s*([\d.]+)/.exec(tr)![1]).toBe(String(MAINTENANCE));

    expect(fromDayBars(await text('/'))).toEqual({ downtime: DOWNTIME, maintenance: MAINTENANCE });
    expect(fromDayBars(await text('/components/api'))).toEqual({ downtime: DOWNTIME, maintenance: MAINTENANCE });
  });
});
