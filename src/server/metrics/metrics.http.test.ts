/** /metrics against the built server: off by default, open with METRICS=on, or behind METRICS_TOKEN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedScenario } from '../../testing/subscriber-scenario';
import { metricsAccess } from './metrics';

const TOKEN = 'metrics-token-0123456789';
let dbPath: string;
beforeAll(() => {
  dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => seedScenario(db, Date.now()));
});

describe('metricsAccess', () => {
  it.each([
    [{ enabled: false } as const, null, 404],
    [{ enabled: true, token: null } as const, null, null],
    [{ enabled: true, token: TOKEN } as const, null, 401],
    [{ enabled: true, token: TOKEN } as const, 'Bearer nope', 401],
    [{ enabled: true, token: TOKEN } as const, `Bearer ${TOKEN}`, null],
  ])('%j with %s → %s', (cfg, auth, want) => expect(metricsAccess(cfg, auth)).toBe(want));
});

describe('/metrics', () => {
  let off: RunningServer;
  let guarded: RunningServer;
  beforeAll(async () => {
    [off, guarded] = await Promise.all([startServer({ dbPath }), startServer({ dbPath, env: { METRICS_TOKEN: TOKEN } })]);
  });
  afterAll(async () => {
    await off?.stop();
    await guarded?.stop();
  });

  it('is 404 unless enabled', async () => {
    expect((await fetch(`${off.baseURL}/metrics`)).status).toBe(404);
  });

  it('needs the bearer token when one is set, then speaks Prometheus text', async () => {
    expect((await fetch(`${guarded.baseURL}/metrics`)).status).toBe(401);
    const res = await fetch(`${guarded.baseURL}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE statuspage_component_status gauge');
    expect(text).toContain('statuspage_component_status{component="Web app",status="partial_outage"} 1');
    expect(text).toMatch(/statuspage_open_incidents\{impact="major"\} 1/);
    expect(text).toMatch(/statuspage_component_uptime_90d_ratio\{component="API"\} (0|1|0\.\d+)/);
  });
});
