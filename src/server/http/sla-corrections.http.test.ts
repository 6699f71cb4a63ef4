// A closed month revised by a later write shows its correction on /sla, /admin/sla and /api/sla.json alike (issue 26).
// October 2026 = 44,640 min; api (99.9): excluded X major 10:00–12:00, counted Y major 11:00–12:15 → closed at
// 75 down, 60 excluded (99.831989 %); Y reopened 12:30 and resolved 12:45 → 90 down (99.798387 %), still missed, 25 %.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { cliActor } from '../services/actor';
import { createComponent } from '../services/components';
import { createIncident, postUpdate, setSlaExclusion } from '../services/incidents';
import { freezeSlaMonth } from '../services/sla';

const A = cliActor('test');
const T = (hhmm: string) => Date.parse(`2026-10-15T${hhmm}:00Z`);
let server: RunningServer;
const dbPath = tempDbPath('statuspage-sla-corrections-');

beforeAll(async () => {
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: Date.parse('2026-09-01T00:00:00Z') }, A, now);
    const outage = (title: string, from: string, to: string) => {
      const id = createIncident(db, { title, impact: 'critical', status: 'investigating', body: 'Down.', components: { api: 'major_outage' }, startedAt: T(from), displayAt: T(from) }, A, now).id;
      postUpdate(db, id, { status: 'resolved', body: 'Back.', displayAt: T(to) }, A, now);
      return id;
    };
    const x = outage('Load test', '10:00', '12:00');
    setSlaExclusion(db, x, true, 'Load test run by the customer', A, now);
    const y = outage('API down', '11:00', '12:15');
    freezeSlaMonth(db, '2026-10', now);
    postUpdate(db, y, { status: 'investigating', body: 'Again.', components: { api: 'major_outage' }, displayAt: T('12:30') }, A, now);
    postUpdate(db, y, { status: 'resolved', body: 'Over now.', displayAt: T('12:45') }, A, now);
  });
  server = await startServer({ dbPath });
}, 30_000);
afterAll(() => server?.stop());

describe('SLA corrections on every surface', () => {
  it('/api/sla.json gives the revised figures and each correction with its cause, before and after', async () => {
    const body = await (await fetch(`${server.baseURL}/api/sla.json?month=2026-10`)).json();
    expect(body.components[0]).toMatchObject({ slug: 'api', downtime_minutes: 90, excluded_minutes: 60, uptime_percentage: 99.798387, met: false, credit_percent: 25 });
    expect(body.corrections).toHaveLength(2);
    expect(body.corrections[0].cause).toMatch(/^history of component #1 corrected from 2026-10-15T12:30:00.000Z/);
    expect(body.corrections[0].before).toMatchObject({ downtime_minutes: 75, uptime_percentage: 99.831989, met: false, credit_percent: 25 });
    expect(body.corrections.at(-1).after).toEqual(body.components[0]);
  });

  it('/sla lists the corrections below the table, with the same figures', async () => {
    const html = await (await fetch(`${server.baseURL}/sla?month=2026-10`)).text();
    expect(html).toContain('<h2 id="sla-corrections">Corrections</h2>');
    expect(html).toMatch(/October 2026 recomputed for API after history of component #1 corrected from 2026-10-15T12:30:00\.000Z \([^)]*\), 99\.831% → /);
    expect(html).toMatch(/, [0-9.]+% → 99\.798%/);
    expect(html).toContain('measured from its start date');
    expect(html).toContain('removes only the impact that incident itself declared');
  });
});
