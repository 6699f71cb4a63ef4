/** Issue 11's API additions against the built server: date-only start_date, SLA exclusion, SLA settings, backfilled. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

let server: RunningServer;
let key = '';
const dbPath = tempDbPath('statuspage-api-record-');
beforeAll(async () => {
  seedDatabase(dbPath, (db) => {
    key = createApiKey(db, 'automation', cliActor('test'), Date.now()).key;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
}, 30_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const api = (p: string, method = 'GET', body?: unknown, auth = true) =>
  fetch(`${server.baseURL}/api/v1${p}`, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('the whole record through the API', () => {
  it('start_date accepts a date alone, meaning 00:00 UTC, and refuses nonsense with a 4xx', async () => {
    const r = await api('/components', 'POST', { name: 'Billing', start_date: '2025-01-01' });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ start_date: '2025-01-01T00:00:00.000Z' });
    for (const bad of ['2025-02-30', '2025-1-1', '01/01/2025', '9999-01-01']) {
      const res = await api('/components', 'POST', { name: `Bad ${bad}`, start_date: bad });
      expect(res.status, bad).toBe(422);
      expect((await res.json()).error.fields.start_date).toBeTruthy();
    }
  });

  it('marks backfilled incidents and keeps created_at as the time of writing', async () => {
    const started = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const r = await api('/incidents', 'POST', { name: 'Late write-up', status: 'resolved', impact: 'minor', body: 'Happened earlier.', components: { billing: 'partial_outage' }, started_at: started, display_at: started });
    expect(r.status).toBe(201);
    const inc = await r.json();
    expect(inc).toMatchObject({ backfilled: true, started_at: started, excluded_from_sla: false, exclusion_reason: null });
    expect(Date.parse(inc.created_at)).toBeGreaterThan(Date.parse(started) + 3_500_000);
    const live = await (await api('/incidents', 'POST', { name: 'Live', status: 'investigating', impact: 'minor', body: 'Now.', components: {} })).json();
    expect(live.backfilled).toBe(false);
  });

  it('PATCH /incidents/:id sets and clears the SLA exclusion; a reason is required', async () => {
    const inc = await (await api('/incidents', 'POST', { name: 'Load test', status: 'investigating', impact: 'major', body: 'x', components: { billing: 'major_outage' } })).json();
    const noReason = await api(`/incidents/${inc.id}`, 'PATCH', { excluded_from_sla: true });
    expect(noReason.status).toBe(422);
    const on = await api(`/incidents/${inc.id}`, 'PATCH', { excluded_from_sla: true, exclusion_reason: 'Customer load test' });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ excluded_from_sla: true, exclusion_reason: 'Customer load test' });
    const off = await (await api(`/incidents/${inc.id}`, 'PATCH', { excluded_from_sla: false })).json();
    expect(off).toMatchObject({ excluded_from_sla: false, exclusion_reason: null });
    expect((await api('/incidents/999999', 'PATCH', { excluded_from_sla: false })).status).toBe(404);
    expect((await api(`/incidents/${inc.id}`, 'PATCH', { excluded_from_sla: 'yes' })).status).toBe(422);
    expect((await api(`/incidents/${inc.id}`, 'PATCH', { excluded_from_sla: false }, false)).status).toBe(401);
  });

  it('GET/PATCH /sla/settings reads and changes what the SLA admin form does', async () => {
    const before = await (await api('/sla/settings')).json();
    expect(before).toMatchObject({ maintenance_allowance_minutes: 10, time_zone: 'UTC', credit_tiers: [{ below: 99.95, at_least: 99.9, credit_percent: 15 }, { below: 99.9, at_least: 0, credit_percent: 25 }] });
    const r = await api('/sla/settings', 'PATCH', { maintenance_allowance_minutes: 30, time_zone: 'Europe/Berlin', first_response_targets: { critical: 30, major: 120, minor: 480 } });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ maintenance_allowance_minutes: 30, time_zone: 'Europe/Berlin', first_response_targets: { critical: 30 }, credit_tiers: before.credit_tiers });
    expect(await (await api('/sla/settings')).json()).toMatchObject({ maintenance_allowance_minutes: 30, time_zone: 'Europe/Berlin' });
    for (const bad of [{ time_zone: 'Mars/Olympus' }, { credit_tiers: [{ below: 99, at_least: 99.5, credit_percent: 10 }] }, { maintenance_allowance_minutes: -1 }, { unknown: 1 }]) {
      expect((await api('/sla/settings', 'PATCH', bad)).status, JSON.stringify(bad)).toBe(422);
    }
    expect((await api('/sla/settings', 'GET', undefined, false)).status).toBe(401);
  });
});
