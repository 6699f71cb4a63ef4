import { beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { auditLog, components, incidentUpdates } from '../../../db/schema';
import { MS_PER_MINUTE } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import { intervalsOf } from '../../testing/rollups';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import type { Actor } from './actor';
import { createComponent, type ComponentRow } from './components';
import { createIncident, editIncident, postUpdate, requireIncident } from './incidents';
import { cliActor } from './actor';

const A: Actor = cliActor('test');
const M = MS_PER_MINUTE;
const T0 = Date.UTC(2026, 10, 20, 10);

let db: Db;
let api: ComponentRow;
let web: ComponentRow;
beforeEach(() => {
  db = freshDb();
  api = createComponent(db, { name: 'API', slug: 'api', startDate: T0 - 1000 * M }, A, T0 - 1000 * M);
  web = createComponent(db, { name: 'Web', slug: 'web', startDate: T0 - 1000 * M }, A, T0 - 1000 * M);
});

const statusOf = (c: ComponentRow) => db.select().from(components).where(eq(components.id, c.id)).get()!.status;

describe('editIncident', () => {
  it('changes title and impact, notes the impact change on the timeline and audits both', () => {
    const inc = createIncident(db, { title: 'Slow API', impact: 'minor', status: 'investigating', body: 'Looking.', components: { api: 'degraded_performance' } }, A, T0);
    editIncident(db, inc.id, { title: 'API outage', impact: 'major' }, A, T0 + 10 * M);
    expect(requireIncident(db, inc.id)).toMatchObject({ title: 'API outage', impact: 'major', status: 'investigating' });
    const latest = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, inc.id)).orderBy(desc(incidentUpdates.id)).get()!;
    expect(latest).toMatchObject({ body: 'Impact changed from Minor to Major.', status: 'investigating', displayAt: T0 + 10 * M });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'incident.edit')).get()!;
    expect(JSON.parse(audit.before!)).toMatchObject({ title: 'Slow API', impact: 'minor' });
    expect(statusOf(api)).toBe('degraded_performance');
  });

  it('a title-only edit adds nothing to the timeline', () => {
    const inc = createIncident(db, { title: 'Typo', impact: 'minor', status: 'investigating', body: 'x', components: {} }, A, T0);
    editIncident(db, inc.id, { title: 'Fixed title' }, A, T0 + M);
    expect(db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, inc.id)).all()).toHaveLength(1);
  });

  it('removing a component withdraws what the incident declared for it, from the whole history', () => {
    const inc = createIncident(db, { title: 'Both down', impact: 'major', status: 'investigating', body: 'x', components: { api: 'major_outage', web: 'partial_outage' } }, A, T0);
    editIncident(db, inc.id, { components: ['api'] }, A, T0 + 30 * M);
    expect(statusOf(web)).toBe('operational');
    expect(intervalsOf(db, web.id).filter((iv) => iv[0] !== 'operational')).toEqual([]);
    expect(statusOf(api)).toBe('major_outage');
    // Adding it back makes it affected without declaring a status: the next update does that.
    editIncident(db, inc.id, { components: ['api', 'web'] }, A, T0 + 40 * M);
    expect(statusOf(web)).toBe('operational');
    postUpdate(db, inc.id, { status: 'identified', body: 'Web too.', components: { web: 'degraded_performance' } }, A, T0 + 50 * M);
    expect(statusOf(web)).toBe('degraded_performance');
  });

  it('editing a resolved incident keeps it resolved and its components released', () => {
    const inc = createIncident(db, { title: 'Blip', impact: 'minor', status: 'investigating', body: 'x', components: { api: 'partial_outage' } }, A, T0);
    postUpdate(db, inc.id, { status: 'resolved', body: 'ok' }, A, T0 + 5 * M);
    editIncident(db, inc.id, { impact: 'critical' }, A, T0 + 60 * M);
    expect(requireIncident(db, inc.id)).toMatchObject({ status: 'resolved', resolvedAt: T0 + 5 * M, impact: 'critical' });
    expect(statusOf(api)).toBe('operational');
  });

  it('refuses an unknown component', () => {
    const inc = createIncident(db, { title: 'x', impact: 'minor', status: 'investigating', body: 'x', components: {} }, A, T0);
    expect(() => editIncident(db, inc.id, { components: ['nope'] }, A, T0 + M)).toThrow(ValidationError);
  });
});
