// Exclusion by cause (issue 26, rule 4): an excluded incident removes its own declared impact, nothing else.
// Hand-computed, October 2026 (UTC) = 44,640 min; api target 99.9, default tiers (<99.95 → 15 %, <99.9 → 25 %).
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { cliActor } from './actor';
import { createComponent, type ComponentRow } from './components';
import { declareFrom } from './declarations';
import { createIncident, postUpdate, setSlaExclusion } from './incidents';
import { exportRow, getSlaReport } from './sla';

const A = cliActor('test');
const T = (hhmm: string) => Date.parse(`2026-10-15T${hhmm}:00Z`);
const NOW = Date.parse('2026-12-07T12:00:00Z');

let db: Db;
let api: ComponentRow;
beforeEach(() => {
  db = freshDb();
  api = createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: Date.parse('2026-09-01T00:00:00Z') }, A, Date.parse('2026-09-01T00:00:00Z'));
});

function excludedOutage(from: string, to: string | null, now = NOW): number {
  const id = createIncident(db, { title: 'Customer load test', impact: 'major', status: 'investigating', body: 'Down.', components: { api: 'major_outage' }, startedAt: T(from), displayAt: T(from) }, A, now).id;
  if (to) postUpdate(db, id, { status: 'resolved', body: 'Back.', displayAt: T(to) }, A, now);
  setSlaExclusion(db, id, true, 'Load test run by the customer', A, now);
  return id;
}

const october = (now = NOW) => exportRow(getSlaReport(db, '2026-10', now).rows[0]);

describe('an excluded incident removes only its own impact', () => {
  it("a monitor's outage inside the excluded incident still counts: 30 of 120 minutes → 99.932796 %, met, 15 %", () => {
    declareFrom(db, api.id, 'monitor', 'major_outage', T('11:00'));
    declareFrom(db, api.id, 'monitor', null, T('11:30'));
    excludedOutage('10:00', '12:00');
    expect(october()).toMatchObject({ downtime_minutes: 30, excluded_minutes: 90, uptime_percentage: 99.932796, met: true, credit_percent: 15 });
  });

  it("another counted incident's partial outage under the excluded major one counts at its own weight: 60 × 0.3 = 18", () => {
    const y = createIncident(db, { title: 'Slow API', impact: 'minor', status: 'investigating', body: 'Slow.', components: { api: 'partial_outage' }, startedAt: T('10:00'), displayAt: T('10:00') }, A, NOW).id;
    postUpdate(db, y, { status: 'resolved', body: 'Fast again.', displayAt: T('11:00') }, A, NOW);
    excludedOutage('10:00', '11:00');
    // 18 / 44,640 → 99.959677 %: met, no credit; the 42 weighted minutes above the partial outage are set aside.
    expect(october()).toMatchObject({ downtime_minutes: 18, excluded_minutes: 42, uptime_percentage: 99.959677, met: true, credit_percent: 0 });
  });

  it('an open excluded incident sets aside only its own outage, not what else happens on its component', () => {
    const now = T('14:00');
    excludedOutage('10:00', null, now);
    declareFrom(db, api.id, 'monitor', 'major_outage', T('12:00'));
    declareFrom(db, api.id, 'monitor', null, T('12:20'));
    // Measured Oct 1 → Oct 15 14:00 = 14 × 1,440 + 840 = 21,000 min; X down 10:00–14:00 (240, excluded), the monitor's 20 count.
    const f = getSlaReport(db, '2026-10', now).rows[0].figures;
    expect(f).toMatchObject({ minutesInMonth: 21_000, downtimeMinutes: 20, excludedMinutes: 220, partial: true });
  });
});
