/**
 * /metrics as Prometheus's own checker and a scraper see it: `promtool check metrics` finds nothing, check counters
 * and the latency histogram only rise (an hour-old check still counts), and renaming a component keeps its series.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_HOUR } from '../../domain/constants';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { openDatabase, closeDatabase } from '../db';
import { updateComponent } from '../services/components';
import { recordCheck } from '../services/monitoring';
import { createMonitor } from '../services/monitors';

const PROMTOOL = '/usr/bin/promtool';
const TOKEN = 'metrics-token-0123456789';
let server: RunningServer;
let dbPath: string;
let ids: { api: number; monitor: number };

const scrape = async () => (await fetch(`${server.baseURL}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

beforeAll(async () => {
  dbPath = tempDbPath();
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    const c = seedComponents(db, now);
    const m = createMonitor(db, { componentId: c.api, name: 'API health', type: 'http', config: { url: 'https://api.example/health' } }, TEST_ACTOR, now);
    ids = { api: c.api, monitor: m.id };
    // Two hours ago: a monitor that checked then and not since must still show its checks.
    recordCheck(db, m.id, { at: now - 2 * MS_PER_HOUR, ok: true, latencyMs: 80, statusCode: 200, error: null, certExpiresAt: null }, now - 2 * MS_PER_HOUR);
    recordCheck(db, m.id, { at: now - 2 * MS_PER_HOUR + 60_000, ok: false, latencyMs: null, statusCode: null, error: 'refused', certExpiresAt: null }, now - 2 * MS_PER_HOUR);
    recordCheck(db, m.id, { at: now - 60_000, ok: true, latencyMs: 700, statusCode: 200, error: null, certExpiresAt: null }, now - 60_000);
  });
  server = await startServer({ dbPath, env: { METRICS_TOKEN: TOKEN, MONITORS: 'off' } });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dbPath, { force: true });
});

describe('/metrics against its checkers', () => {
  it.skipIf(!fs.existsSync(PROMTOOL))('passes `promtool check metrics` with no problem reported', async () => {
    const text = await scrape();
    const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('counts every check ever run, not the last hour, and keeps a real histogram', async () => {
    const text = await scrape();
    const m = `monitor_id="${ids.monitor}"`;
    expect(text).toContain('# TYPE statuspage_monitor_checks_total counter');
    expect(text).toContain('# TYPE statuspage_monitor_check_latency_seconds histogram');
    expect(sample(text, `statuspage_monitor_checks_total{${m},result="up"}`)).toBe(2);
    expect(sample(text, `statuspage_monitor_checks_total{${m},result="down"}`)).toBe(1);
    expect(sample(text, `statuspage_monitor_check_latency_seconds_bucket{${m},le="0.1"}`)).toBe(1);
    expect(sample(text, `statuspage_monitor_check_latency_seconds_bucket{${m},le="1"}`)).toBe(2);
    expect(sample(text, `statuspage_monitor_check_latency_seconds_bucket{${m},le="+Inf"}`)).toBe(2);
    expect(sample(text, `statuspage_monitor_check_latency_seconds_count{${m}}`)).toBe(2);
    expect(sample(text, `statuspage_monitor_check_latency_seconds_sum{${m}}`)).toBeCloseTo(0.78, 6);
    expect(text).toMatch(new RegExp(`statuspage_monitor_info\\{${m},name="API health",type="http",component_id="${ids.api}"\\} 1`));
  });

  it('labels components by id, so a rename changes only the _info metric', async () => {
    const before = await scrape();
    const series = `statuspage_component_status{component_id="${ids.api}",status="operational"}`;
    expect(sample(before, series)).toBe(1);
    expect(before).toContain(`statuspage_component_info{component_id="${ids.api}",name="API",slug="api",group="Core"} 1`);
    const db = openDatabase(dbPath);
    try {
      updateComponent(db, ids.api, { name: 'Public API' }, TEST_ACTOR, Date.now());
    } finally {
      closeDatabase(db);
    }
    await expect.poll(async () => (await scrape()).includes(`name="Public API"`), { timeout: 10_000 }).toBe(true);
    const after = await scrape();
    expect(sample(after, series)).toBe(1);
    expect(after).not.toContain('component="');
  });

  it('states the running version', async () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(await scrape()).toMatch(new RegExp(`statuspage_build_info\\{version="${pkg.version.replaceAll('.', '\\.')}",node_version="v24\\.[0-9.]+"\\} 1`));
  });
});
