/** Cancelling a maintenance through /api/v1: the calendar strikes it, v2 forgets it, the history never shows it. */
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../../domain/constants';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { openDatabase } from '../db';
import { createMaintenance } from '../services/maintenance';
import { createApiKey } from '../services/users';

let server: RunningServer;
let dbPath: string;
let key: string;
let upcoming: number;
let running: number;
let done: number;
let lone: number;

beforeAll(async () => {
  dbPath = tempDbPath();
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    const c = seedComponents(db, now);
    lone = c.lone;
    const win = (title: string, from: number, until: number) => createMaintenance(db, { title, body: 'x', scheduledFor: from, scheduledUntil: until, components: [c.lone] }, TEST_ACTOR, now).id;
    upcoming = win('Racks', now + MS_PER_DAY, now + MS_PER_DAY + MS_PER_HOUR);
    running = win('Switches', now - MS_PER_HOUR, now + MS_PER_HOUR);
    done = win('Old upgrade', now - 3 * MS_PER_HOUR, now - 2 * MS_PER_HOUR);
    key = createApiKey(db, 'ops', TEST_ACTOR, now, 'write').key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(() => server?.stop());

const cancel = (id: unknown, auth = `Bearer ${key}`) =>
  fetch(`${server.baseURL}/api/v1/verbs/maintenance.cancel`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ maintenance_id: id }) });
const events = async () => {
  const body = await (await fetch(`${server.baseURL}/maintenance.ics`)).text();
  const ical = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent');
  const node = Object.values(nodeIcal.sync.parseICS(body)).filter((c) => c?.type === 'VEVENT') as unknown as { uid: string; status: string; sequence: string }[];
  const of = (id: number) => {
    const v = ical.find((e) => String(e.getFirstPropertyValue('uid')).startsWith(`maintenance-${id}@`))!;
    const n = node.find((e) => e.uid.startsWith(`maintenance-${id}@`))!;
    return { status: String(v.getFirstPropertyValue('status')), sequence: Number(v.getFirstPropertyValue('sequence')), nodeStatus: n.status, nodeSequence: Number(n.sequence) };
  };
  return of;
};

describe('maintenance.cancel', () => {
  it('needs an editor and a known, cancellable window (4xx with a JSON error, never 5xx)', async () => {
    expect((await cancel(upcoming, '')).status).toBe(401);
    for (const [id, status] of [[999_999, 404], ['x', 422], [done, 422]] as const) {
      const r = await cancel(id);
      expect(r.status, String(id)).toBe(status);
      expect((await r.json()).error.code).toBeTruthy();
    }
  });

  it('marks both windows cancelled; the calendar says CANCELLED with a higher SEQUENCE, the completed one stays CONFIRMED', async () => {
    const before = await events();
    const seq = [before(upcoming).sequence, before(running).sequence];
    for (const id of [upcoming, running]) {
      const r = await cancel(id);
      expect(r.status).toBe(200);
    }
    const after = await events();
    for (const [i, id] of [upcoming, running].entries()) {
      expect(after(id)).toMatchObject({ status: 'CANCELLED', nodeStatus: 'CANCELLED' });
      expect(after(id).sequence).toBeGreaterThan(seq[i]);
      expect(after(id).nodeSequence).toBe(after(id).sequence);
    }
    expect(after(done)).toMatchObject({ status: 'CONFIRMED', nodeStatus: 'CONFIRMED' });
  });

  it('leaves cancelled windows out of /api/v2 and takes the running one off the component and its history', async () => {
    const v2 = async (p: string) => (await (await fetch(`${server.baseURL}/api/v2/${p}`)).json()).scheduled_maintenances.map((m: { name: string }) => m.name);
    expect(await v2('scheduled-maintenances.json')).toEqual(['Old upgrade']);
    expect(await v2('scheduled-maintenances/upcoming.json')).toEqual([]);
    expect(await v2('scheduled-maintenances/active.json')).toEqual([]);
    const summary = await (await fetch(`${server.baseURL}/api/v2/summary.json`)).json();
    expect(summary.components.find((c: { status: string }) => c.status === 'under_maintenance')).toBeUndefined();
    const db = openDatabase(dbPath);
    try {
      const rows = db.$client.prepare('SELECT status, started_at AS s, ended_at AS e FROM status_intervals WHERE component_id = ? AND status = ? ORDER BY started_at').all(lone, 'under_maintenance') as { s: number; e: number }[];
      // only the completed window is left in the history
      expect(rows).toHaveLength(1);
      expect(rows[0].e - rows[0].s).toBe(MS_PER_HOUR);
    } finally {
      db.$client.close();
    }
  });
});
