// Closed months are revised by the write that changes their facts, never by a read (issue 26 causes 1 and 2).
// October 2026 (UTC) = 31 × 1,440 = 44,640 min. Component api, target 99.9, default tiers (<99.95 → 10 %, <99.9 → 25 %).
// Excluded incident X declares degraded 10:00–12:00 (not downtime) on api; counted Y declares major outage 11:00–13:00.
//  closed: excluded span 10:00–12:00 → Y's 11:00–12:00 excluded (60), 12:00–13:00 counts (60) → 99.865591 %, missed, 25 %.
//  X reopened at 12:30 and resolved at 12:45: excluded 10:00–12:45 → 105 excluded, 15 down → 99.966398 %, met, 0 %.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { slaCorrections, slaMonths } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { cliActor } from './actor';
import { createComponent } from './components';
import { createIncident, deleteIncident, postUpdate, setSlaExclusion } from './incidents';
import { exportRow, freezeSlaMonth, getSlaReport } from './sla';
import { getSettings } from '../queries/settings';
import { saveSlaSettings } from './sla-settings';

const A = cliActor('test');
const T = (hhmm: string) => Date.parse(`2026-10-15T${hhmm}:00Z`);
const NOW = Date.parse('2026-12-07T12:00:00Z');
const OCT = '2026-10';

let db: Db;
let x: number;
beforeEach(() => {
  db = freshDb();
  createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: Date.parse('2026-09-01T00:00:00Z') }, A, NOW);
  x = createIncident(db, { title: 'Customer load test', impact: 'minor', status: 'investigating', body: 'Slow.', components: { api: 'degraded_performance' }, startedAt: T('10:00'), displayAt: T('10:00') }, A, NOW).id;
  postUpdate(db, x, { status: 'resolved', body: 'Over.', displayAt: T('12:00') }, A, NOW);
  setSlaExclusion(db, x, true, 'Load test run by the customer', A, NOW);
  const y = createIncident(db, { title: 'API down', impact: 'critical', status: 'investigating', body: 'Down.', components: { api: 'major_outage' }, startedAt: T('11:00'), displayAt: T('11:00') }, A, NOW).id;
  postUpdate(db, y, { status: 'resolved', body: 'Back.', displayAt: T('13:00') }, A, NOW);
});

const october = (now = NOW + 60_000) => exportRow(getSlaReport(db, OCT, now).rows[0]);
const CLOSED = { downtime_minutes: 60, excluded_minutes: 60, uptime_percentage: 99.865591, met: false, credit_percent: 25 };
const REVISED = { downtime_minutes: 15, excluded_minutes: 105, uptime_percentage: 99.966398, met: true, credit_percent: 0 };

function reopenAndResolve(readBetween: boolean): void {
  postUpdate(db, x, { status: 'investigating', body: 'Back again.', displayAt: T('12:30') }, A, NOW + 1000);
  if (readBetween) october(NOW + 1500);
  postUpdate(db, x, { status: 'resolved', body: 'Over now.', displayAt: T('12:45') }, A, NOW + 2000);
}

describe('a closed month revised by the write that changes it', () => {
  it.each([false, true])('reopening and re-resolving the excluded incident recomputes October (reads between: %s)', (readBetween) => {
    expect(freezeSlaMonth(db, OCT, NOW)).toBe(1);
    expect(october()).toMatchObject(CLOSED);
    reopenAndResolve(readBetween);
    expect(october()).toMatchObject(REVISED);
    // The frozen row itself holds the revised figures (no read involved).
    expect(JSON.parse(db.select().from(slaMonths).where(eq(slaMonths.month, OCT)).get()!.data)).toMatchObject({ downtimeMinutes: 15, uptimePercentage: 99.966398 });
  });

  it('records each revision as a correction the report carries', () => {
    freezeSlaMonth(db, OCT, NOW);
    reopenAndResolve(false);
    const { corrections } = getSlaReport(db, OCT, NOW + 3000);
    expect(corrections.length).toBeGreaterThanOrEqual(1);
    expect(corrections[0]).toMatchObject({ component: { slug: 'api' }, at: NOW + 1000, cause: `incident #${x} updated`, before: { uptimePercentage: 99.865591 } });
    expect(corrections.at(-1)).toMatchObject({ at: NOW + 2000, after: { uptimePercentage: 99.966398, met: true, creditPercent: 0 } });
    // Nothing changed → nothing recorded: a second identical write leaves the count alone.
    const count = db.select().from(slaCorrections).all().length;
    setSlaExclusion(db, x, true, 'Load test run by the customer', A, NOW + 4000);
    expect(db.select().from(slaCorrections).all()).toHaveLength(count);
  });

  it('keeps the target and tiers it closed with: a later settings change does not move it, a later fact does', () => {
    freezeSlaMonth(db, OCT, NOW);
    saveSlaSettings(db, { ...getSettings(db), creditTiers: [{ below: 99.99, atLeast: 0, creditPercent: 50 }] }, A, NOW + 500);
    expect(october()).toMatchObject(CLOSED);
    reopenAndResolve(true);
    // Revised with October's own tiers (met, 0 %), not today's (which would give 50 %).
    expect(october()).toMatchObject(REVISED);
  });

  it('deleting or including again the excluded incident revises October too', () => {
    freezeSlaMonth(db, OCT, NOW);
    setSlaExclusion(db, x, false, null, A, NOW + 1000);
    // Nothing excluded: Y's 120 min count → 99.731183 %, missed, 25 %.
    expect(october()).toMatchObject({ downtime_minutes: 120, excluded_minutes: 0, uptime_percentage: 99.731183 });
    setSlaExclusion(db, x, true, 'Load test run by the customer', A, NOW + 2000);
    expect(october()).toMatchObject(CLOSED);
    deleteIncident(db, x, A, NOW + 3000);
    expect(october()).toMatchObject({ downtime_minutes: 120, uptime_percentage: 99.731183 });
  });

  it('an open month is never frozen by a read', () => {
    getSlaReport(db, OCT, NOW);
    expect(db.select().from(slaMonths).all()).toHaveLength(0);
  });
});
