/** /metrics against the built server: off by default, open with METRICS=on, or behind METRICS_TOKEN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedScenario } from '../../testing/subscriber-scenario';
import { routeLabel } from './http-counters';
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

describe('routeLabel keeps the label set bounded', () => {
  it.each([
    ['/', 200, '/'],
    ['/incidents/42', 200, '/incidents/[id]'],
    ['/components/api/badge.svg', 200, '/components/[slug]/badge.svg'],
    ['/api/v2/summary.json', 200, '/api/v2/summary.json'],
    ['/api/v2/anything/else', 404, 'unmatched'],
    ['/api/v2/anything/else', 200, '/api/v2/[...path]'],
    ['/admin/incidents/7', 303, '/admin'],
    ['/api/v1/verbs/incident.create', 422, '/api/v1'],
    ['/_astro/index.abc123.css', 200, '/_astro'],
    ['/random-1234', 405, 'other'],
    ['/a/../b', 400, 'other'],
  ])('%s (%i) → %s', (path, status, want) => expect(routeLabel(path, status)).toBe(want));
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

  it('counts requests by route pattern and status, and the public cache hits and misses', async () => {
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const read = async () => (await (await fetch(`${guarded.baseURL}/metrics`, auth)).text()).split('\n');
    const value = (lines: string[], series: string) => Number(lines.find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);
    const before = await read();
    for (const p of ['/sla', '/sla', '/sla', '/incidents/999999', '/no-such-page-123']) await fetch(guarded.baseURL + p);
    const after = await read();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('statuspage_http_requests_total{route="/sla",status="200"}')).toBe(3);
    expect(delta('statuspage_http_requests_total{route="unmatched",status="404"}')).toBe(2);
    // one render fills the cache; the repeats are hits (unless a write moved the version in between)
    expect(delta('statuspage_http_cache_requests_total{result="miss"}') + delta('statuspage_http_cache_requests_total{result="hit"}')).toBeGreaterThanOrEqual(3);
    expect(delta('statuspage_http_cache_requests_total{result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(after.join('\n')).not.toContain('no-such-page-123');
    expect(after.join('\n')).toContain('# TYPE statuspage_http_requests_total counter');
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
    // series are labelled by id; the name is in the _info metric
    const idOf = (name: string) => text.match(new RegExp(`statuspage_component_info\\{component_id="(\\d+)",name="${name}"`))?.[1];
    expect(text).toContain(`statuspage_component_status{component_id="${idOf('Web app')}",status="partial_outage"} 1`);
    expect(text).toMatch(/statuspage_open_incidents\{impact="major"\} 1/);
    expect(text).toMatch(new RegExp(`statuspage_component_uptime_90d_ratio\\{component_id="${idOf('API')}"\\} (0|1|0\\.\\d+)`));
  });
});
