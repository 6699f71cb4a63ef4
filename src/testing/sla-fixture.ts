/**
 * SLA history for September/October 2026, written through the real services with backdated times.
 * Expected figures (hand-computed, September = 30 days = 43,200 min):
 *  api    (99.9):  major 60 min (Sep 10) + 10 min (Sep 30 23:50→Oct 1 00:20); 10 min inside maintenance and
 *                  30 min in an excluded incident don't count → downtime 70, excluded 40, maintenance 30 (overrun),
 *                  uptime (43200−70)/43200 = 99.837963 % → missed, credit 25 %.
 *  web    (99.95): partial 23:00→01:00 across midnight = 120 × 0.3 = 36 min → 99.916667 %, missed, credit 15 %.
 *  search (99.9):  created Sep 16 → 21,600 min; major 10 min → 99.953704 %, met, credit 0 %.
 *  October: api 20 min of 44,640 → 99.955197 %; web and search 100 %.
 */
import type { ComponentStatus, Impact } from '../domain/enums';
import type { Db } from '../server/db';
import { cliActor } from '../server/services/actor';
import { createComponent } from '../server/services/components';
import { createIncident, postUpdate, setSlaExclusion } from '../server/services/incidents';
import { createMaintenance } from '../server/services/maintenance';

const OPS = cliActor('sla-fixture');
const T = (iso: string) => Date.parse(iso);

export const SLA_MONTH = '2026-09';
export const SLA_NEXT_MONTH = '2026-10';

function outage(db: Db, now: number, o: { title: string; impact: Impact; slug: string; status: ComponentStatus; from: string; firstUpdate: string; to: string }): number {
  const inc = createIncident(
    db,
    { title: o.title, impact: o.impact, status: 'investigating', body: 'We are investigating.', components: { [o.slug]: o.status }, startedAt: T(o.from), displayAt: T(o.firstUpdate) },
    OPS,
    now,
  );
  postUpdate(db, inc.id, { status: 'resolved', body: 'Resolved.', displayAt: T(o.to) }, OPS, now);
  return inc.id;
}

/** Builds the history above; returns the ids an assertion may need. */
export function seedSlaHistory(db: Db, now: number): { excludedIncidentId: number; firstIncidentId: number } {
  const start = T('2026-08-01T00:00:00Z');
  createComponent(db, { name: 'API', slug: 'api', target: 99.9, startDate: start }, OPS, now);
  createComponent(db, { name: 'Web app', slug: 'web', target: 99.95, startDate: start }, OPS, now);
  createComponent(db, { name: 'Search', slug: 'search', target: 99.9, startDate: T('2026-09-16T00:00:00Z') }, OPS, now);

  const firstIncidentId = outage(db, now, { title: 'API unavailable', impact: 'critical', slug: 'api', status: 'major_outage', from: '2026-09-10T10:00:00Z', firstUpdate: '2026-09-10T10:20:00Z', to: '2026-09-10T11:00:00Z' });
  outage(db, now, { title: 'Search errors', impact: 'minor', slug: 'search', status: 'major_outage', from: '2026-09-16T12:00:00Z', firstUpdate: '2026-09-16T12:05:00Z', to: '2026-09-16T12:10:00Z' });
  outage(db, now, { title: 'Slow web app', impact: 'major', slug: 'web', status: 'partial_outage', from: '2026-09-20T23:00:00Z', firstUpdate: '2026-09-20T23:45:00Z', to: '2026-09-21T01:00:00Z' });
  createMaintenance(db, { title: 'Database upgrade', body: 'Planned.', scheduledFor: T('2026-09-25T02:00:00Z'), scheduledUntil: T('2026-09-25T02:30:00Z'), components: ['api'] }, OPS, now);
  outage(db, now, { title: 'API down during upgrade', impact: 'major', slug: 'api', status: 'major_outage', from: '2026-09-25T02:10:00Z', firstUpdate: '2026-09-25T02:12:00Z', to: '2026-09-25T02:20:00Z' });
  const excludedIncidentId = outage(db, now, { title: 'Customer load test', impact: 'major', slug: 'api', status: 'major_outage', from: '2026-09-28T08:00:00Z', firstUpdate: '2026-09-28T08:10:00Z', to: '2026-09-28T08:30:00Z' });
  setSlaExclusion(db, excludedIncidentId, true, 'Caused by a customer load test against the agreement', OPS, now);
  outage(db, now, { title: 'API outage at month end', impact: 'critical', slug: 'api', status: 'major_outage', from: '2026-09-30T23:50:00Z', firstUpdate: '2026-10-01T00:05:00Z', to: '2026-10-01T00:20:00Z' });
  return { excludedIncidentId, firstIncidentId };
}
