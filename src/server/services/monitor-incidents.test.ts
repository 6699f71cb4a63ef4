import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { incidentComponents, incidents } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { putSetting } from '../queries/settings';
import { SYSTEM } from './actor';
import { createComponent, requireComponent } from './components';
import { createIncident, publishIncident } from './incidents';
import { recordCheck } from './monitoring';
import { createMonitor } from './monitors';

let db: Db;
let componentId: number;
let monitorId: number;
let t = Date.UTC(2026, 5, 1);

const fail = () => recordCheck(db, monitorId, { at: (t += 10_000), ok: false, latencyMs: 3, statusCode: 503, error: 'status 503 outside 200-399', certExpiresAt: null }, t);
const pass = () => recordCheck(db, monitorId, { at: (t += 10_000), ok: true, latencyMs: 3, statusCode: 200, error: null, certExpiresAt: null }, t);

beforeEach(() => {
  db = freshDb();
  componentId = createComponent(db, { name: 'Checkout', startDate: t - 1000 }, SYSTEM, t).id;
  monitorId = createMonitor(db, { componentId, name: 'health', type: 'http', config: { url: 'http://127.0.0.1:9/' }, failThreshold: 1, recoverThreshold: 1 }, SYSTEM, t).id;
});

describe('incidents opened by monitors', () => {
  it('opens one draft incident per outage, invisible until an operator publishes it', () => {
    fail();
    const all = db.select().from(incidents).all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ title: 'Checkout is down', draft: true, status: 'investigating', impact: 'major' });
    expect(db.select().from(incidentComponents).where(eq(incidentComponents.incidentId, all[0].id)).all()).toHaveLength(1);
    expect(requireComponent(db, componentId)).toMatchObject({ status: 'major_outage', manualStatus: null });

    pass();
    fail(); // the draft is still open: no second incident
    expect(db.select().from(incidents).all()).toHaveLength(1);

    publishIncident(db, all[0].id, SYSTEM, t);
    pass(); // the published incident now holds the status over the recovered monitor
    expect(requireComponent(db, componentId)).toMatchObject({ status: 'major_outage', monitorStatus: 'operational' });
  });

  it('publishing a partial-outage draft keeps the status the monitors saw', () => {
    const other = createMonitor(db, { componentId, name: 'second', type: 'http', config: { url: 'http://127.0.0.1:9/' }, failThreshold: 1, recoverThreshold: 1 }, SYSTEM, t).id;
    recordCheck(db, other, { at: (t += 10_000), ok: true, latencyMs: 3, statusCode: 200, error: null, certExpiresAt: null }, t);
    fail(); // one of two monitors down: partial outage
    const [draft] = db.select().from(incidents).all();
    expect(draft).toMatchObject({ title: 'Checkout is partly down', draft: true, impact: 'minor' });
    expect(requireComponent(db, componentId).status).toBe('partial_outage');
    publishIncident(db, draft.id, SYSTEM, (t += 1000));
    expect(requireComponent(db, componentId)).toMatchObject({ status: 'partial_outage', manualStatus: null });
  });

  it('publishing an operator draft declares the statuses chosen in it', () => {
    const other = createComponent(db, { name: 'Search', startDate: t - 1000 }, SYSTEM, t).id;
    const draft = createIncident(db, { title: 'Slow', impact: 'minor', status: 'investigating', body: 'Looking.', components: { [componentId]: 'degraded_performance', [other]: 'partial_outage' }, draft: true }, SYSTEM, (t += 1000));
    expect(requireComponent(db, componentId).status).toBe('operational');
    publishIncident(db, draft.id, SYSTEM, (t += 1000));
    expect(requireComponent(db, componentId).status).toBe('degraded_performance');
    expect(requireComponent(db, other).status).toBe('partial_outage');
  });

  it('publishes at once when autoPublishMonitorIncidents is on', () => {
    putSetting(db, 'autoPublishMonitorIncidents', true);
    fail();
    const [i] = db.select().from(incidents).all();
    expect(i.draft).toBe(false);
    expect(requireComponent(db, componentId)).toMatchObject({ status: 'major_outage', manualStatus: null }); // held by the incident's declaration
  });

  it('opens nothing when both settings are off', () => {
    putSetting(db, 'monitorDraftIncidents', false);
    fail();
    expect(db.select().from(incidents).all()).toHaveLength(0);
    expect(requireComponent(db, componentId).status).toBe('major_outage');
  });
});
