import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaMonths } from '../../../db/schema';
import { openDatabase } from '../db';
import { createApiKey } from '../services/users';
import { saveSlaSettings } from '../services/sla-settings';
import { getSettings } from '../queries/settings';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedSlaHistory, SLA_MONTH } from '../../testing/sla-fixture';
import { cliActor } from '../services/actor';

let server: RunningServer;
let apiKey = '';
const dbPath = tempDbPath('statuspage-sla-http-');

beforeAll(async () => {
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    seedSlaHistory(db, now);
    apiKey = createApiKey(db, 'reports', cliActor('test'), now).key;
  });
  server = await startServer({ dbPath });
}, 30_000);
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.baseURL + path, { headers });

describe('SLA exports against the built server', () => {
  it('/api/sla.json gives September to the minute', async () => {
    const r = await get(`/api/sla.json?month=${SLA_MONTH}`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      month: '2026-09',
      time_zone: 'UTC',
      partial: false,
      components: [
        { component_id: 1, slug: 'api', month: '2026-09', minutes_in_month: 43200, downtime_minutes: 70, excluded_minutes: 40, maintenance_minutes: 30, maintenance_policy: 'exclude_all', maintenance_allowance_minutes: 10, maintenance_allowance_used_minutes: 10, maintenance_excess_minutes: 20, maintenance_excess_downtime_minutes: 0, uptime_percentage: 99.837963, target: 99.9, met: false, credit_percent: 25 },
        { component_id: 2, slug: 'web', month: '2026-09', minutes_in_month: 43200, downtime_minutes: 36, excluded_minutes: 0, maintenance_minutes: 0, maintenance_policy: 'exclude_all', maintenance_allowance_minutes: 10, maintenance_allowance_used_minutes: 0, maintenance_excess_minutes: 0, maintenance_excess_downtime_minutes: 0, uptime_percentage: 99.916667, target: 99.95, met: false, credit_percent: 15 },
        { component_id: 3, slug: 'search', month: '2026-09', minutes_in_month: 21600, downtime_minutes: 10, excluded_minutes: 0, maintenance_minutes: 0, maintenance_policy: 'exclude_all', maintenance_allowance_minutes: 10, maintenance_allowance_used_minutes: 0, maintenance_excess_minutes: 0, maintenance_excess_downtime_minutes: 0, uptime_percentage: 99.953704, target: 99.9, met: true, credit_percent: 0 },
      ],
      corrections: [],
    });
    // Reading froze nothing: closing a month is the month-end job's write (src/server/jobs/sla-months.ts).
    const db = openDatabase(dbPath, { readonly: true, migrate: false });
    try {
      expect(db.select().from(slaMonths).all().filter((r) => r.month === SLA_MONTH)).toHaveLength(0);
    } finally {
      db.$client.close();
    }
  });

  it('/sla.csv has the same figures, October carries the month-end outage', async () => {
    const sep = await get(`/sla.csv?month=${SLA_MONTH}`);
    expect(sep.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await sep.text()).toBe(
      [
        'component_id,slug,month,minutes_in_month,downtime_minutes,excluded_minutes,maintenance_minutes,maintenance_policy,maintenance_allowance_minutes,maintenance_allowance_used_minutes,maintenance_excess_minutes,maintenance_excess_downtime_minutes,uptime_percentage,target,met,credit_percent',
        '1,api,2026-09,43200,70,40,30,exclude_all,10,10,20,0,99.837963,99.9,false,25',
        '2,web,2026-09,43200,36,0,0,exclude_all,10,0,0,0,99.916667,99.95,false,15',
        '3,search,2026-09,21600,10,0,0,exclude_all,10,0,0,0,99.953704,99.9,true,0',
        '',
      ].join('\r\n'),
    );
    const oct = await (await get('/sla.csv?month=2026-10')).text();
    expect(oct).toContain('1,api,2026-10,44640,20,0,0,exclude_all,10,0,0,0,99.955197,99.9,true,0');
    expect(oct).toContain('3,search,2026-10,44640,0,0,0,exclude_all,10,0,0,0,100,99.9,true,0');
  });

  it('the OpenAPI description, the JSON rows and the CSV header list the same fields', async () => {
    const doc = await (await get('/api/openapi.json')).json();
    const schema = doc.paths['/api/sla.json'].get.responses['200'].content['application/json'].schema;
    const documented = Object.keys(schema.properties.components.items.properties);
    const json = Object.keys((await (await get(`/api/sla.json?month=${SLA_MONTH}`)).json()).components[0]);
    const csv = (await (await get(`/sla.csv?month=${SLA_MONTH}`)).text()).split('\r\n')[0].split(',');
    expect(json).toEqual(documented);
    expect(csv).toEqual(documented);
    expect(Object.keys(schema.properties)).toEqual(['month', 'time_zone', 'partial', 'components', 'corrections']);
  });

  it.each(['/api/sla.json?month=2026-9', '/sla.csv?month=2026-13', '/api/sla.json?month=9999-01', '/api/sla.json?month=x'])('%s is a 400 with a message', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect((await r.json()).error.message).toMatch(/month|begun/);
  });

  it('/sla with a bad month answers a 400 page', async () => {
    const r = await get('/sla?month=2026-13');
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('YYYY-MM');
  });

  it('/api/response-times.json needs an API key and reports by severity', async () => {
    expect((await get(`/api/response-times.json?month=${SLA_MONTH}`)).status).toBe(401);
    const r = await get(`/api/response-times.json?month=${SLA_MONTH}`, { authorization: `Bearer ${apiKey}` });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.severities[0]).toMatchObject({ severity: 'Sev1', count: 2, first_response: { median_minutes: 17.5, worst_minutes: 20, within_target: 1, target_minutes: 60 }, resolve: { median_minutes: 45, worst_minutes: 60 } });
    expect(body.severities[1]).toMatchObject({ severity: 'Sev2', count: 3, first_response: { median_minutes: 10, worst_minutes: 45 } });
    expect(body.incidents.find((i: { title: string }) => i.title === 'Customer load test')).toMatchObject({ excluded_from_sla: true, started_at: '2026-09-28T08:00:00.000Z', first_update_at: '2026-09-28T08:10:00.000Z' });
    expect((await get('/api/response-times.json?month=bad', { authorization: `Bearer ${apiKey}` })).status).toBe(400);
  });

  it('turning the public report off answers 404 on the page and the exports', async () => {
    const db = openDatabase(dbPath, { migrate: false });
    try {
      const s = getSettings(db);
      const { creditTiers, maintenanceAllowanceMinutes, maintenancePolicy, firstResponseTargets, resolveTargets, slaTimeZone } = s;
      saveSlaSettings(db, { creditTiers, maintenanceAllowanceMinutes, maintenancePolicy, firstResponseTargets, resolveTargets, slaTimeZone, slaPublic: false }, cliActor('t'), Date.now());
    } finally {
      db.$client.close();
    }
    for (const path of ['/sla?month=2026-08', '/sla.csv?month=2026-08', '/api/sla.json?month=2026-08']) expect((await get(path)).status, path).toBe(404);
  });
});
