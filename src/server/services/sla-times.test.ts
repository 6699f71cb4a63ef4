// Times the SLA rests on (issue 26, causes 3 and 4): an edit never blocks a backdated update, a draft's first
// response counts from its publication. Figures hand-computed below.
import { beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { incidentUpdates } from '../../../db/schema';
import { MS_PER_MINUTE } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { cliActor } from './actor';
import { createComponent } from './components';
import { createIncident, editIncident, postUpdate, publishIncident, requireIncident } from './incidents';
import { getResponseReport, getSlaReport } from './sla';

const A = cliActor('test');
const M = MS_PER_MINUTE;
const T0 = Date.parse('2026-10-10T10:00:00Z');
const NOW = Date.parse('2026-12-07T12:58:00Z');

let db: Db;
beforeEach(() => {
  db = freshDb();
  createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: Date.parse('2026-09-01T00:00:00Z') }, A, T0 - 1000 * M);
});

const sev1 = (month: string) => getResponseReport(db, month, NOW).severities.find((s) => s.severity === 'Sev1')!;

describe('an edit noted on the timeline never moves it', () => {
  it('raising the impact today does not block the resolve backdated to 11:00: Sev1 resolution 60 min, downtime 60', () => {
    const inc = createIncident(db, { title: 'API down', impact: 'minor', status: 'investigating', body: 'Looking.', components: { api: 'major_outage' }, startedAt: T0, displayAt: T0 }, A, NOW - 10 * M);
    editIncident(db, inc.id, { impact: 'critical' }, A, NOW - 5 * M);
    postUpdate(db, inc.id, { status: 'resolved', body: 'Fixed at 11:00.', displayAt: T0 + 60 * M }, A, NOW);

    expect(requireIncident(db, inc.id)).toMatchObject({ status: 'resolved', resolvedAt: T0 + 60 * M, impact: 'critical' });
    expect(sev1('2026-10').resolve).toMatchObject({ count: 1, worstMinutes: 60 });
    expect(sev1('2026-10').firstResponse).toMatchObject({ count: 1, worstMinutes: 0 });
    // October: 44,640 min, 60 down → 99.865591 %.
    expect(getSlaReport(db, '2026-10', NOW).rows[0].figures).toMatchObject({ downtimeMinutes: 60, uptimePercentage: 99.865591 });
    // The note still records when the edit was made.
    const timeline = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, inc.id)).orderBy(asc(incidentUpdates.id)).all();
    expect(timeline.map((u) => [u.kind, u.displayAt])).toEqual([
      ['update', T0],
      ['note', NOW - 5 * M],
      ['update', T0 + 60 * M],
    ]);
  });

  it('a backdated update before a real later update is still refused', () => {
    const inc = createIncident(db, { title: 'API down', impact: 'major', status: 'investigating', body: 'Looking.', components: { api: 'major_outage' }, startedAt: T0, displayAt: T0 + 30 * M }, A, NOW);
    expect(() => postUpdate(db, inc.id, { status: 'resolved', body: 'Too early.', displayAt: T0 + 10 * M }, A, NOW)).toThrow(/before the previous update/);
  });
});

describe('first response from the first public update', () => {
  it('a draft started 10:00, updated 10:00, published 11:30 counts a 90-minute first response (Sev1 target 60: missed)', () => {
    const inc = createIncident(db, { title: 'Monitor saw errors', impact: 'critical', status: 'investigating', body: 'Auto.', components: { api: 'major_outage' }, startedAt: T0, displayAt: T0, draft: true }, A, T0);
    publishIncident(db, inc.id, A, T0 + 90 * M);
    postUpdate(db, inc.id, { status: 'resolved', body: 'Fixed.', displayAt: T0 + 120 * M }, A, T0 + 120 * M);
    const s = sev1('2026-10');
    expect(s.firstResponse).toMatchObject({ count: 1, worstMinutes: 90, withinTarget: 0, targetMinutes: 60 });
    expect(s.resolve).toMatchObject({ count: 1, worstMinutes: 120 });
    expect(getResponseReport(db, '2026-10', NOW).incidents[0].firstUpdateAt).toBe(T0 + 90 * M);
  });

  // The edit is stamped before the first update's time so only the kind filter keeps it out of the minimum.
  it('an impact note is not a response: first response stays the first real update', () => {
    const inc = createIncident(db, { title: 'API down', impact: 'critical', status: 'investigating', body: 'Looking.', components: { api: 'major_outage' }, startedAt: T0, displayAt: T0 + 20 * M }, A, T0 + 20 * M);
    editIncident(db, inc.id, { impact: 'major' }, A, T0 + 5 * M);
    expect(getResponseReport(db, '2026-10', NOW).incidents[0].firstUpdateAt).toBe(T0 + 20 * M);
  });
});
