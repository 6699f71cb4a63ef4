/** Issue 25: one visible status per component — set during an incident, resolve, leftovers, on a real SQLite file. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import { setComponentStatus as setStatusVerb } from '../features/components/verbs';
import { postIncidentUpdate } from '../features/incidents/verbs';
import { componentStatusViews } from '../queries/status-sources';
import { cliActor, userActor } from './actor';
import { createComponent, requireComponent, setComponentStatus } from './components';
import { createIncident } from './incidents';

const A = cliActor('test');
const T0 = Date.UTC(2026, 11, 7, 14, 0);
const MIN = 60_000;
let db: Db;
let api: number;
let web: number;
const ctx = (now: number) => ({ db, now, actor: userActor({ id: 1, email: 'ops@example.com', role: 'editor' }) });
const view = (id: number, now: number) => componentStatusViews(db, [id], now).get(id)!;
const declare = (now: number) => createIncident(db, { title: 'API down', impact: 'critical', status: 'investigating', body: 'Looking.', components: { api: 'major_outage' } }, A, now).id;

beforeEach(() => {
  db = freshDb();
  api = createComponent(db, { name: 'API', startDate: T0 - 60 * MIN }, A, T0 - 60 * MIN).id;
  web = createComponent(db, { name: 'Web', startDate: T0 - 60 * MIN }, A, T0 - 60 * MIN).id;
});

describe('setting a status while an incident affects the component', () => {
  it('posts it as an update of that incident when asked (the admin default): the incident then shows it', () => {
    const id = declare(T0);
    setStatusVerb(ctx(T0 + MIN), { component_id: api, status: 'partial_outage', incident_id: String(id), body: '' });
    expect(requireComponent(db, api)).toMatchObject({ status: 'partial_outage', manualStatus: null });
    expect(view(api, T0 + MIN).label).toBe(`Partial outage — incident #${id}`);
  });

  it('by hand, it is a separate layer the page names as overruled, not a silent success', () => {
    const id = declare(T0);
    setStatusVerb(ctx(T0 + MIN), { component_id: api, status: 'partial_outage' });
    const v = view(api, T0 + MIN);
    expect(v.label).toBe(`Major outage — incident #${id}`);
    expect(v.overruled).toEqual(['Partial outage — set by hand Dec 7, 2026, 14:01 UTC']);
    expect(v.leftover).toBe(false);
  });

  it('refuses an update of an incident that is resolved or does not affect the component, and "automatic" as an update', () => {
    const id = declare(T0);
    expect(() => setStatusVerb(ctx(T0 + MIN), { component_id: web, status: 'partial_outage', incident_id: String(id) })).toThrow(ValidationError);
    expect(() => setStatusVerb(ctx(T0 + MIN), { component_id: api, status: '', incident_id: String(id) })).toThrow(/needs a status/);
    postIncidentUpdate(ctx(T0 + 2 * MIN), { incident_id: String(id), status: 'resolved', body: 'Fixed.' });
    expect(() => setStatusVerb(ctx(T0 + 3 * MIN), { component_id: api, status: 'partial_outage', incident_id: String(id) })).toThrow(/not open/);
    expect(requireComponent(db, web).status).toBe('operational');
  });
});

describe('resolving (DESIGN rule 7)', () => {
  it('ends hand-set statuses set during the incident: everything operational, no warning', () => {
    const id = declare(T0);
    setComponentStatus(db, api, 'partial_outage', A, T0 + MIN);
    postIncidentUpdate(ctx(T0 + 2 * MIN), { incident_id: String(id), status: 'resolved', body: 'Fixed.' });
    expect(requireComponent(db, api).status).toBe('operational');
    expect(view(api, T0 + 2 * MIN)).toMatchObject({ label: 'Operational — nothing declared', leftover: false, manual: null });
  });

  it('keeps the one the operator keeps, which then warns as a leftover', () => {
    const id = declare(T0);
    setComponentStatus(db, api, 'partial_outage', A, T0 + MIN);
    postIncidentUpdate(ctx(T0 + 2 * MIN), { incident_id: String(id), status: 'resolved', body: 'Fixed.', keep_manual: String(api) });
    expect(requireComponent(db, api).status).toBe('partial_outage');
    expect(view(api, T0 + 2 * MIN)).toMatchObject({ label: 'Partial outage — set by hand Dec 7, 2026, 14:01 UTC', leftover: true });
  });

  it('a backfilled hand-set status from during an already resolved incident ends at its resolve too (order does not matter)', () => {
    const id = declare(T0);
    postIncidentUpdate(ctx(T0 + 2 * MIN), { incident_id: String(id), status: 'resolved', body: 'Fixed.' });
    setComponentStatus(db, api, 'partial_outage', A, T0 + MIN);
    expect(view(api, T0 + 3 * MIN)).toMatchObject({ label: 'Operational — nothing declared', leftover: false });
  });

  it('setting the same status again after it ended with the incident declares it afresh', () => {
    const id = declare(T0);
    setComponentStatus(db, api, 'partial_outage', A, T0 + MIN);
    postIncidentUpdate(ctx(T0 + 2 * MIN), { incident_id: String(id), status: 'resolved', body: 'Fixed.' });
    setComponentStatus(db, api, 'partial_outage', A, T0 + 3 * MIN);
    expect(requireComponent(db, api).status).toBe('partial_outage');
  });

  it('leaves a hand-set status from before the incident (it was not the incident\'s)', () => {
    setComponentStatus(db, api, 'degraded_performance', A, T0 - MIN);
    const id = declare(T0);
    postIncidentUpdate(ctx(T0 + 2 * MIN), { incident_id: String(id), status: 'resolved', body: 'Fixed.' });
    expect(requireComponent(db, api).status).toBe('degraded_performance');
    expect(view(api, T0 + 2 * MIN).leftover).toBe(true);
  });
});
