/**
 * Bench dataset, written through the project's services (components, incidents, maintenance) plus bulk
 * inserts for the volume tables (a year of minute-resolution monitor results; optional extra history rows).
 */
import { sql } from 'drizzle-orm';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../src/domain/constants';
import type { ComponentStatus, Impact } from '../src/domain/enums';
import { openDatabase } from '../src/server/db';
import { createComponent, createGroup } from '../src/server/services/components';
import { createIncident, postUpdate } from '../src/server/services/incidents';
import { createMaintenance } from '../src/server/services/maintenance';
import { createApiKey, createUser } from '../src/server/services/users';
import { addSubscriber } from '../src/server/services/webhooks';
import { cliActor } from '../src/server/services/actor';
import { importSubscribers } from '../src/server/services/subscribers';
import { createSession } from '../src/server/auth/sessions';
import { putSetting } from '../src/server/queries/settings';

const actor = cliActor('bench');

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  file: string;
  now: number;
  /** Minute-resolution monitor results for this many components over a year. */
  monitoredComponents: number;
  incidents: number;
  maintenances: number;
  /** Extra closed history rows (status intervals) before the 90-day window; 0 for none. */
  historyRows: number;
}

/** The host name of the bench's second page (the load generator sends it as Host). */
export const SECOND_PAGE_HOST = 'second.bench';

export function seedBench(o: SeedOptions): { apiKey: string; session: string; slugs: string[]; intervalRows: number } {
  const db = openDatabase(o.file);
  db.$client.pragma('synchronous = OFF');
  const rand = rng(7);
  const start = o.now - 365 * MS_PER_DAY;
  putSetting(db, 'pageName', 'Bench Status');
  const ids: number[] = [];
  const slugs: string[] = [];
  for (let g = 0; g < 5; g++) {
    const group = createGroup(db, { name: `Region ${g + 1}` }, actor, start);
    for (let c = 0; c < 10; c++) {
      const comp = createComponent(db, { name: `Service ${g + 1}.${c + 1}`, description: `Component ${c + 1} of region ${g + 1}`, groupId: group.id, startDate: start }, actor, o.now);
      ids.push(comp.id);
      slugs.push(comp.slug);
    }
  }
  const statuses: ComponentStatus[] = ['degraded_performance', 'partial_outage', 'major_outage'];
  const impacts: Impact[] = ['minor', 'major', 'critical'];
  const step = (360 * MS_PER_DAY) / o.incidents;
  for (let i = 0; i < o.incidents; i++) {
    const t0 = start + i * step + Math.floor(rand() * step * 0.3);
    const k = Math.floor(rand() * 3);
    const comp = ids[Math.floor(rand() * ids.length)];
    const inc = createIncident(db, { title: `Incident ${i + 1}`, impact: impacts[k], status: 'investigating', body: `Investigating **incident ${i + 1}**.`, components: { [comp]: statuses[k] }, startedAt: t0, displayAt: t0 + 3 * MS_PER_MINUTE }, actor, o.now);
    postUpdate(db, inc.id, { status: 'identified', body: 'Identified the cause.', displayAt: t0 + 15 * MS_PER_MINUTE }, actor, o.now);
    postUpdate(db, inc.id, { status: 'resolved', body: 'Resolved.', displayAt: t0 + (20 + Math.floor(rand() * 100)) * MS_PER_MINUTE }, actor, o.now);
  }
  for (let m = 0; m < o.maintenances; m++) {
    const t0 = m < o.maintenances - 3 ? start + (m + 0.5) * (350 / o.maintenances) * MS_PER_DAY : o.now + (m + 1) * MS_PER_DAY;
    createMaintenance(db, { title: `Maintenance ${m + 1}`, body: 'Routine upgrade.', scheduledFor: t0, scheduledUntil: t0 + MS_PER_HOUR, components: [ids[m % ids.length]] }, actor, o.now);
  }
  // A year of one-minute monitor results for the first N components (bulk: the volume is the point here).
  const insertMonitor = db.$client.prepare(`INSERT INTO monitors (component_id, name, type, config, interval_s) VALUES (?, ?, 'http', '{"url":"http://127.0.0.1:9/"}', 60)`);
  const insertResult = db.$client.prepare('INSERT INTO monitor_results (monitor_id, at, ok, degraded, latency_ms, status_code) VALUES (?, ?, ?, 0, ?, ?)');
  const insertDaily = db.$client.prepare('INSERT INTO monitor_daily (monitor_id, day, checks, failures, p50, p95, p99) VALUES (?, ?, 1440, ?, ?, ?, ?)');
  db.$client.pragma('journal_mode = OFF');
  for (let c = 0; c < o.monitoredComponents; c++) {
    const monitorId = Number(insertMonitor.run(ids[c], `HTTP check ${c + 1}`).lastInsertRowid);
    db.$client.transaction(() => {
      for (let t = start; t < o.now; t += MS_PER_MINUTE) {
        const ok = rand() > 0.001;
        insertResult.run(monitorId, t, ok ? 1 : 0, 40 + rand() * 80, ok ? 200 : 503);
      }
      for (let d = Math.floor(start / MS_PER_DAY); d <= Math.floor(o.now / MS_PER_DAY); d++) insertDaily.run(monitorId, d, Math.floor(rand() * 3), 60, 110, 160);
    })();
  }
  // Extra history rows: closed intervals long before the 90-day window, as a year of incidents would leave.
  if (o.historyRows > 0) {
    const insertInterval = db.$client.prepare("INSERT INTO status_intervals (component_id, status, source, started_at, ended_at) VALUES (?, ?, 'monitor', ?, ?)");
    const old = start - 10 * 365 * MS_PER_DAY;
    const span = Math.max(1, Math.floor((9 * 365 * MS_PER_DAY) / (o.historyRows / ids.length)));
    db.$client.transaction(() => {
      for (let i = 0; i < o.historyRows; i++) {
        const comp = ids[i % ids.length];
        const t = old + Math.floor(i / ids.length) * span;
        insertInterval.run(comp, i % 7 === 0 ? 'major_outage' : 'operational', t, t + span);
      }
    })();
  }
  // Issue 24: a second public page on its own host, showing the first half of the components.
  const second = db.$client.prepare("INSERT INTO pages (slug, name, hosts, visibility) VALUES ('second', 'Second Bench Status', ?, 'public')").run(SECOND_PAGE_HOST).lastInsertRowid;
  for (const id of ids.slice(0, ids.length / 2)) db.$client.prepare('INSERT INTO page_components (page_id, component_id) VALUES (?, ?)').run(second, id);
  db.$client.pragma('journal_mode = WAL');
  const { key } = createApiKey(db, 'bench', actor, o.now);
  // A signed-in operator is never served from the cache: the --rows mode measures real renders with it.
  const user = createUser(db, { email: 'bench@example.com', password: 'bench password 123', role: 'admin' }, actor, o.now);
  const session = createSession(db, user.id, o.now, 24 * MS_PER_HOUR);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM status_intervals`).n;
  db.$client.close();
  return { apiKey: key, session, slugs, intervalRows: total };
}

/**
 * Issue 11's budget: a backfill spanning 90 days on 50 components commits in under 200 ms. Times each write
 * (one transaction, synchronous=FULL as in production) on a copy of a seeded bench database.
 */
export function backfillBench(file: string, now: number): { write: string; ms: number }[] {
  const db = openDatabase(file);
  const ids = db.all<{ id: number }>(sql`SELECT id FROM components ORDER BY id`).map((r) => String(r.id));
  const from = now - 90 * MS_PER_DAY;
  const time = (write: string, fn: () => void) => {
    const t = performance.now();
    fn();
    return { write, ms: +(performance.now() - t).toFixed(1) };
  };
  const out = [];
  let incidentId = 0;
  out.push(time('incident backfilled 90 days ago on 50 components (open)', () => {
    incidentId = createIncident(db, { title: 'Backfill', impact: 'major', status: 'investigating', body: 'Written up late.', components: Object.fromEntries(ids.map((id) => [id, 'partial_outage'])), startedAt: from, displayAt: from }, actor, now).id;
  }));
  out.push(time('its resolve, backdated to 1 hour ago', () => void postUpdate(db, incidentId, { status: 'resolved', body: 'Done.', displayAt: now - MS_PER_HOUR }, actor, now)));
  out.push(time('maintenance window of 90 days on 50 components, in the past', () => void createMaintenance(db, { title: 'Long window', body: '', scheduledFor: from + MS_PER_HOUR, scheduledUntil: now - 2 * MS_PER_HOUR, components: ids }, actor, now)));
  db.$client.close();
  return out;
}

/** Issue 22's webhook bench: one component, an API key, and one webhook channel per URL (in the order given). */
export function seedWebhookBench(file: string, urls: string[], now: number): { apiKey: string; componentId: number } {
  const db = openDatabase(file);
  const componentId = createComponent(db, { name: 'API', slug: 'api' }, actor, now).id;
  for (const url of urls) addSubscriber(db, { url, description: null }, actor, now);
  const { key } = createApiKey(db, 'bench', actor, now);
  db.$client.close();
  return { apiKey: key, componentId };
}

/**
 * The mail fan-out bench (issue 23): `count` confirmed subscribers of 20 components, each following everything or
 * (perComponent) one component; the mail cursor placed at the end so only new changes are mailed.
 */
export function seedMailBench(file: string, count: number, perComponent: boolean, now: number): { apiKey: string; slugs: string[] } {
  const db = openDatabase(file);
  const slugs = Array.from({ length: 20 }, (_, i) => `service-${i}`);
  const ids = slugs.map((slug, i) => createComponent(db, { name: `Service ${i}`, slug }, actor, now).id);
  importSubscribers(db, Array.from({ length: count }, (_, i) => ({ email: `subscriber${i}@example.com`, componentIds: perComponent ? [ids[i % ids.length]] : [] })), actor, now);
  const { key } = createApiKey(db, 'bench', actor, now);
  putSetting(db, 'mailCursor', db.$client.prepare('SELECT COALESCE(MAX(id), 0) FROM change_log').pluck().get() as number);
  db.$client.close();
  return { apiKey: key, slugs };
}
