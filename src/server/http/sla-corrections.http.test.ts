// A closed month revised by a later write shows its correction on /sla, /admin/sla and /api/sla.json alike (issue 26).
// October 2026 = 44,640 min; api (99.9): excluded X degraded 10:00–12:00, counted Y major 11:00–13:00 →
// closed at 60 down (99.865591 %); X reopened 12:30 and resolved 12:45 → 15 down (99.966398 %), met.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { cliActor } from '../services/actor';
import { createComponent } from '../services/components';
import { createIncident, postUpdate, setSlaExclusion } from '../services/incidents';
import { freezeSlaMonth } from '../services/sla';

const A = cliActor('test');
const T = (hhmm: string) => Date.parse(`2026-10-15T${hhmm}:00Z`);
let server: RunningServer;
let x = 0;
const dbPath = tempDbPath('statuspage-sla-corrections-');

beforeAll(async () => {
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: Date.parse('2026-09-01T00:00:00Z') }, A, now);
    x = createIncident(db, { title: 'Load test', impact: 'minor', status: 'investigating', body: 'Slow.', components: { api: 'degraded_performance' }, startedAt: T('10:00'), displayAt: T('10:00') }, A, now).id;
    postUpdate(db, x, { status: 'resolved', body: 'Over.', displayAt: T('12:00') }, A, now);
    setSlaExclusion(db, x, true, 'Load test run by the customer', A, now);
    const y = createIncident(db, { title: 'API down', impact: 'critical', status: 'investigating', body: 'Down.', components: { api: 'major_outage' }, startedAt: T('11:00'), displayAt: T('11:00') }, A, now).id;
    postUpdate(db, y, { status: 'resolved', body: 'Back.', displayAt: T('13:00') }, A, now);
    freezeSlaMonth(db, '2026-10', now);
    postUpdate(db, x, { status: 'investigating', body: 'Again.', displayAt: T('12:30') }, A, now);
    postUpdate(db, x, { status: 'resolved', body: 'Over now.', displayAt: T('12:45') }, A, now);
  });
  server = await startServer({ dbPath });
}, 30_000);
afterAll(() => server?.stop());

describe('SLA corrections on every surface', () => {
  it('/api/sla.json gives the revised figures and each correction with its cause, before and after', async () => {
    const body = await (await fetch(`${server.baseURL}/api/sla.json?month=2026-10`)).json();
    expect(body.components[0]).toMatchObject({ slug: 'api', downtime_minutes: 15, excluded_minutes: 105, uptime_percentage: 99.966398, met: true, credit_percent: 0 });
    expect(body.corrections.map((c: { cause: string }) => c.cause)).toEqual([`incident #${x} updated`, `incident #${x} resolved`]);
    expect(body.corrections[0].before).toMatchObject({ uptime_percentage: 99.865591, met: false, credit_percent: 25 });
    expect(body.corrections.at(-1).after).toEqual(body.components[0]);
  });

  it('/sla lists the corrections below the table, with the same figures', async () => {
    const html = await (await fetch(`${server.baseURL}/sla?month=2026-10`)).text();
    expect(html).toContain('<h2 id="sla-corrections">Corrections</h2>');
    expect(html).toMatch(new RegExp(`October 2026 recomputed for API after incident #${x} updated, 99\\.865% → `));
    expect(html).toMatch(new RegExp(`after incident #${x} resolved, [0-9.]+% → 99\\.966%`));
    expect(html).toContain('measured from its start date');
  });
});
