// Closed months are revised by the write that changes their facts, never by a read (issue 26 causes 1 and 2), and an
// exclusion removes only the excluded incident's own impact (rule 4). Hand-computed, October 2026 (UTC) = 44,640 min;
// api target 99.9, default tiers (<99.95 → 15 %, <99.9 → 25 %).
//  X (excluded) declares major outage 10:00–12:00; Y (counted) major outage 11:00–12:15. Outage 10:00–12:15 = 135 min;
//  without X's own declarations 11:00–12:15 = 75 min count → downtime 75, excluded 60, 99.831989 %, missed, 25 %.
//  X reopened 12:30–12:45 (major): its own 15 more minutes are excluded too → downtime 75, excluded 75.
//  Y reopened 12:30–12:45 instead: 15 more counted → downtime 90, 99.798387 %.
//  X included again: 135 counted → 99.697581 %, missed, 25 % by October's tiers (today's would say 50 %).
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
let y: number;
beforeEach(() => {
  db = freshDb();
  createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: Date.parse('2026-09-01T00:00:00Z') }, A, NOW);
  x = outage('Customer load test', '10:00', '12:00');
  setSlaExclusion(db, x, true, 'Load test run by the customer', A, NOW);
  y = outage('API down', '11:00', '12:15');
});

function outage(title: string, from: string, to: string): number {
  const id = createIncident(db, { title, impact: 'critical', status: 'investigating', body: 'Down.', components: { api: 'major_outage' }, startedAt: T(from), displayAt: T(from) }, A, NOW).id;
  postUpdate(db, id, { status: 'resolved', body: 'Back.', displayAt: T(to) }, A, NOW);
  return id;
}

const october = (now = NOW + 60_000) => exportRow(getSlaReport(db, OCT, now).rows[0]);
const CLOSED = { downtime_minutes: 75, excluded_minutes: 60, uptime_percentage: 99.831989, met: false, credit_percent: 25 };

/** Reopens an incident at 12:30 (major outage again) and resolves it at 12:45, optionally reading in between. */
function reopenAndResolve(id: number, readBetween: boolean): void {
  postUpdate(db, id, { status: 'investigating', body: 'Back again.', components: { api: 'major_outage' }, displayAt: T('12:30') }, A, NOW + 1000);
  if (readBetween) october(NOW + 1500);
  postUpdate(db, id, { status: 'resolved', body: 'Over now.', displayAt: T('12:45') }, A, NOW + 2000);
}

describe('a closed month revised by the write that changes it', () => {
  it.each([false, true])('reopening the excluded incident adds only its own minutes to the excluded ones (reads between: %s)', (readBetween) => {
    expect(freezeSlaMonth(db, OCT, NOW)).toBe(1);
    expect(october()).toMatchObject(CLOSED);
    reopenAndResolve(x, readBetween);
    expect(october()).toMatchObject({ ...CLOSED, excluded_minutes: 75 });
    // The frozen row itself holds the revised figures (no read involved).
    expect(JSON.parse(db.select().from(slaMonths).where(eq(slaMonths.month, OCT)).get()!.data)).toMatchObject({ excludedMinutes: 75 });
  });

  it.each([false, true])('reopening the counted incident counts its minutes (reads between: %s)', (readBetween) => {
    freezeSlaMonth(db, OCT, NOW);
    reopenAndResolve(y, readBetween);
    expect(october()).toMatchObject({ downtime_minutes: 90, excluded_minutes: 60, uptime_percentage: 99.798387, met: false, credit_percent: 25 });
  });

  it('records each revision as a correction the report carries; a write that moves nothing records none', () => {
    freezeSlaMonth(db, OCT, NOW);
    // A status-only reopen declares nothing: no figure moves, no correction.
    postUpdate(db, x, { status: 'investigating', body: 'Looking again.', displayAt: T('12:30') }, A, NOW + 500);
    postUpdate(db, x, { status: 'resolved', body: 'No.', displayAt: T('12:31') }, A, NOW + 600);
    expect(getSlaReport(db, OCT, NOW + 700).corrections).toEqual([]);
    reopenAndResolve(y, false);
    const { corrections } = getSlaReport(db, OCT, NOW + 3000);
    expect(corrections.map((c) => [c.at, c.cause.split(' (')[0], c.before.uptimePercentage, c.after.uptimePercentage])).toEqual([
      // Open again from 12:30: down up to the month's end, then resolved at 12:45.
      [NOW + 1000, `history of component #1 corrected from ${new Date(T('12:30')).toISOString()}`, 99.831989, expect.any(Number)],
      [NOW + 2000, `history of component #1 corrected from ${new Date(T('12:30')).toISOString()}`, expect.any(Number), 99.798387],
    ]);
    const count = db.select().from(slaCorrections).all().length;
    setSlaExclusion(db, x, true, 'Load test run by the customer', A, NOW + 4000);
    expect(db.select().from(slaCorrections).all()).toHaveLength(count);
  });

  it('keeps the target and tiers it closed with: a later settings change does not move it, a later fact does', () => {
    freezeSlaMonth(db, OCT, NOW);
    saveSlaSettings(db, { ...getSettings(db), creditTiers: [{ below: 99.99, atLeast: 0, creditPercent: 50 }] }, A, NOW + 500);
    expect(october()).toMatchObject(CLOSED);
    setSlaExclusion(db, x, false, null, A, NOW + 1000);
    expect(october()).toMatchObject({ downtime_minutes: 135, excluded_minutes: 0, uptime_percentage: 99.697581, met: false, credit_percent: 25 });
    expect(getSlaReport(db, OCT, NOW + 2000).corrections[0].cause).toBe(`incident #${x} updated`);
  });

  it('excluding again and deleting the excluded incident revise October too', () => {
    freezeSlaMonth(db, OCT, NOW);
    setSlaExclusion(db, x, false, null, A, NOW + 1000);
    setSlaExclusion(db, x, true, 'Load test run by the customer', A, NOW + 2000);
    expect(october()).toMatchObject(CLOSED);
    deleteIncident(db, x, A, NOW + 3000);
    // X's outage is gone from the history: Y's 75 min alone, nothing to exclude.
    expect(october()).toMatchObject({ downtime_minutes: 75, excluded_minutes: 0, uptime_percentage: 99.831989 });
  });

  it('an open month is never frozen by a read', () => {
    getSlaReport(db, OCT, NOW);
    expect(db.select().from(slaMonths).all()).toHaveLength(0);
  });
});
