import { beforeEach, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import { auditLog, changeLog, components, incidentUpdates, incidents, statusDeclarations } from '../../../db/schema';
import { MS_PER_MINUTE } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import { intervalsOf, recomputeRollups, storedRollups } from '../../testing/rollups';
import { currentChangeId } from '../queries/changes';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import type { Actor } from './actor';
import { createComponent, type ComponentRow } from './components';
import { createIncident, deleteIncident, editUpdateBody, postUpdate, savePostmortem } from './incidents';
import { cliActor } from './actor';

const A: Actor = cliActor('test');
const M = MS_PER_MINUTE;
const T0 = Date.UTC(2026, 10, 20, 10);
const now = T0 + 600 * M;

let db: Db;
let api: ComponentRow;
let web: ComponentRow;
beforeEach(() => {
  db = freshDb();
  api = createComponent(db, { name: 'API', slug: 'api', startDate: T0 - 1000 * M }, A, T0 - 1000 * M);
  web = createComponent(db, { name: 'Web', slug: 'web', startDate: T0 - 1000 * M }, A, T0 - 1000 * M);
});

const statusOf = (id: number) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;

function open(comps: Record<string, 'degraded_performance' | 'partial_outage' | 'major_outage'>, startedAt = T0, title = 'Down') {
  return createIncident(db, { title, impact: 'major', status: 'investigating', body: 'Looking.', components: comps, startedAt, displayAt: startedAt + M }, A, now);
}

describe('createIncident', () => {
  it('writes the incident, its first update and the component statuses from the start time', () => {
    const inc = open({ api: 'major_outage' });
    expect(inc).toMatchObject({ status: 'investigating', startedAt: T0, resolvedAt: null });
    const ups = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, inc.id)).all();
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ status: 'investigating', displayAt: T0 + M, body: 'Looking.' });
    expect(statusOf(api.id)).toBe('major_outage');
    expect(statusOf(web.id)).toBe('operational');
    expect(intervalsOf(db, api.id).at(-1)).toEqual(['major_outage', T0, null]);
    expect(db.select().from(statusDeclarations).where(eq(statusDeclarations.sourceId, inc.id)).all()).toMatchObject([{ source: 'incident', componentId: api.id, status: 'major_outage', startedAt: T0, endedAt: null }]);
    expect(lastAudit()).toMatchObject({ action: 'incident.create', note: 'backfilled' });
  });

  it.each<[string, Partial<Parameters<typeof createIncident>[1]>, string]>([
    ['a start in the future', { startedAt: now + 60_000 }, 'started_at'],
    ['an unknown component', { components: { nope: 'major_outage' } }, 'components'],
    ['a first update before the start', { startedAt: T0, displayAt: T0 - M }, 'display_at'],
  ])('refuses %s with a field error and writes nothing', (_name, patch, field) => {
    const before = currentChangeId(db);
    let err: unknown;
    try {
      createIncident(db, { title: 'x', impact: 'minor', status: 'investigating', body: 'x', components: { api: 'major_outage' }, ...patch }, A, now);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toHaveProperty(field);
    expect(db.select({ n: count() }).from(incidents).get()!.n).toBe(0);
    expect(currentChangeId(db)).toBe(before);
  });

  it('is idempotent per form token', () => {
    const a = createIncident(db, { title: 'x', impact: 'minor', status: 'investigating', body: 'x', components: {}, formToken: 'tok' }, A, now);
    const b = createIncident(db, { title: 'x', impact: 'minor', status: 'investigating', body: 'x', components: {}, formToken: 'tok' }, A, now);
    expect(b.id).toBe(a.id);
    expect(db.select({ n: count() }).from(incidents).get()!.n).toBe(1);
  });
});

describe('postUpdate: lifecycle', () => {
  it('moves through identified and monitoring, stamping each once', () => {
    const inc = open({ api: 'major_outage' });
    postUpdate(db, inc.id, { status: 'identified', body: 'Found it.', displayAt: T0 + 10 * M }, A, now);
    postUpdate(db, inc.id, { status: 'monitoring', body: 'Fixed.', components: { api: 'degraded_performance' }, displayAt: T0 + 20 * M }, A, now);
    const row = db.select().from(incidents).where(eq(incidents.id, inc.id)).get()!;
    expect(row).toMatchObject({ status: 'monitoring', identifiedAt: T0 + 10 * M, monitoringAt: T0 + 20 * M, resolvedAt: null });
    expect(statusOf(api.id)).toBe('degraded_performance');
    expect(intervalsOf(db, api.id).slice(-2)).toEqual([
      ['major_outage', T0, T0 + 20 * M],
      ['degraded_performance', T0 + 20 * M, null],
    ]);
  });

  it('resolve stamps resolvedAt and returns components to operational', () => {
    const inc = open({ api: 'major_outage', web: 'partial_outage' });
    postUpdate(db, inc.id, { status: 'resolved', body: 'Done.', displayAt: T0 + 90 * M }, A, now);
    const row = db.select().from(incidents).where(eq(incidents.id, inc.id)).get()!;
    expect(row).toMatchObject({ status: 'resolved', resolvedAt: T0 + 90 * M });
    expect(statusOf(api.id)).toBe('operational');
    expect(statusOf(web.id)).toBe('operational');
    expect(intervalsOf(db, api.id).slice(-2)).toEqual([
      ['major_outage', T0, T0 + 90 * M],
      ['operational', T0 + 90 * M, null],
    ]);
    expect(db.select().from(changeLog).orderBy(desc(changeLog.id)).get()!.kind).toBe('incident.resolved');
    const stored = storedRollups(db, api.id);
    const again = recomputeRollups(db, api.id);
    for (const day of Object.keys(again)) expect(stored[day].major).toBeCloseTo(again[day].major, 6);
  });

  it('a non-resolved update reopens a resolved incident and is audited as a reopen', () => {
    const inc = open({ api: 'major_outage' });
    postUpdate(db, inc.id, { status: 'resolved', body: 'Done.', displayAt: T0 + 30 * M }, A, now);
    postUpdate(db, inc.id, { status: 'investigating', body: 'It is back.', components: { api: 'partial_outage' }, displayAt: T0 + 60 * M }, A, now);
    const row = db.select().from(incidents).where(eq(incidents.id, inc.id)).get()!;
    expect(row).toMatchObject({ status: 'investigating', resolvedAt: null });
    expect(lastAudit()).toMatchObject({ action: 'incident.reopen' });
    expect(statusOf(api.id)).toBe('partial_outage');
  });

  it.each<[string, number]>([
    ['in the future', now + 5_000],
    ['before the previous update', T0],
    ['before the start', T0 - M],
  ])('refuses an update time %s', (_name, displayAt) => {
    const inc = open({ api: 'major_outage' });
    postUpdate(db, inc.id, { status: 'identified', body: 'x', displayAt: T0 + 5 * M }, A, now);
    const before = currentChangeId(db);
    expect(() => postUpdate(db, inc.id, { status: 'monitoring', body: 'x', displayAt }, A, now)).toThrow(ValidationError);
    expect(db.select({ n: count() }).from(incidentUpdates).get()!.n).toBe(2);
    expect(currentChangeId(db)).toBe(before);
  });
});

describe('postUpdate: release with another open incident holding the component (rule 7)', () => {
  it('keeps the component at the other incident\'s status until that one resolves too', () => {
    const a = open({ api: 'major_outage' }, T0, 'A');
    const b = open({ api: 'partial_outage', web: 'degraded_performance' }, T0 + 10 * M, 'B');
    expect(statusOf(api.id)).toBe('major_outage'); // a later, milder incident does not replace a worse open one (issue 11)

    postUpdate(db, a.id, { status: 'resolved', body: 'A done.', displayAt: T0 + 30 * M }, A, now);
    expect(statusOf(api.id)).toBe('partial_outage');
    expect(statusOf(web.id)).toBe('degraded_performance');

    postUpdate(db, b.id, { status: 'resolved', body: 'B done.', displayAt: T0 + 60 * M }, A, now);
    expect(statusOf(api.id)).toBe('operational');
    expect(statusOf(web.id)).toBe('operational');
    expect(intervalsOf(db, api.id).at(-1)).toEqual(['operational', T0 + 60 * M, null]);
  });

  it('keeps the worst status the other open incidents declare, not the most recent one', () => {
    const a = open({ api: 'degraded_performance' }, T0, 'A');
    open({ api: 'major_outage' }, T0 + 5 * M, 'B');
    open({ api: 'degraded_performance' }, T0 + 10 * M, 'C');
    postUpdate(db, a.id, { status: 'resolved', body: 'A done.', displayAt: T0 + 30 * M }, A, now);
    expect(statusOf(api.id)).toBe('major_outage');
  });

  it('deleting an open incident releases its components unless another holds them', () => {
    const a = open({ api: 'major_outage', web: 'major_outage' }, T0, 'A');
    open({ web: 'degraded_performance' }, T0 + 5 * M, 'B');
    deleteIncident(db, a.id, A, now);
    expect(statusOf(api.id)).toBe('operational');
    expect(statusOf(web.id)).toBe('degraded_performance');
  });
});

describe('one transaction per write', () => {
  it('a failure late in createIncident leaves no partial rows', () => {
    const before = { change: currentChangeId(db), intervals: intervalsOf(db, api.id), status: statusOf(api.id) };
    // Make the last statement of the verb (the audit entry) fail.
    db.$client.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END");
    expect(() => open({ api: 'major_outage' })).toThrow(/audit down/);
    db.$client.exec('DROP TRIGGER fail_audit');
    expect(db.select({ n: count() }).from(incidents).get()!.n).toBe(0);
    expect(db.select({ n: count() }).from(incidentUpdates).get()!.n).toBe(0);
    expect(currentChangeId(db)).toBe(before.change);
    expect(intervalsOf(db, api.id)).toEqual(before.intervals);
    expect(statusOf(api.id)).toBe(before.status);
    expect(storedRollups(db, api.id)).toEqual(recomputeRollups(db, api.id));
  });

  it('a failure late in postUpdate(resolved) leaves the incident open and the component held', () => {
    const inc = open({ api: 'major_outage' });
    const change = currentChangeId(db);
    const ivs = intervalsOf(db, api.id);
    db.$client.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END");
    expect(() => postUpdate(db, inc.id, { status: 'resolved', body: 'x', displayAt: T0 + 30 * M }, A, now)).toThrow(/audit down/);
    db.$client.exec('DROP TRIGGER fail_audit');
    expect(db.select().from(incidents).where(eq(incidents.id, inc.id)).get()).toMatchObject({ status: 'investigating', resolvedAt: null });
    expect(db.select({ n: count() }).from(incidentUpdates).get()!.n).toBe(1);
    expect(statusOf(api.id)).toBe('major_outage');
    expect(intervalsOf(db, api.id)).toEqual(ivs);
    expect(currentChangeId(db)).toBe(change);
  });
});

describe('change_log moves on each public incident write', () => {
  it.each<[string, (id: number) => void]>([
    ['postUpdate', (id) => postUpdate(db, id, { status: 'identified', body: 'x', displayAt: T0 + 5 * M }, A, now)],
    ['editUpdateBody', (id) => editUpdateBody(db, db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).get()!.id, 'typo fixed', A, now)],
    ['savePostmortem (publish)', (id) => savePostmortem(db, id, '# PM', true, A, now)],
    ['deleteIncident', (id) => deleteIncident(db, id, A, now)],
  ])('%s', (_name, write) => {
    const inc = open({ api: 'major_outage' });
    const before = currentChangeId(db);
    write(inc.id);
    expect(currentChangeId(db)).toBeGreaterThan(before);
  });

  it('saving an unpublished post-mortem draft does not move it (nothing public changed)', () => {
    const inc = open({ api: 'major_outage' });
    const before = currentChangeId(db);
    savePostmortem(db, inc.id, 'draft', false, A, now);
    expect(currentChangeId(db)).toBe(before);
  });
});
