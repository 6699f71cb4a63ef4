/**
 * The shared e2e dataset: known outages at known times, so tests can compute the expected day bars
 * and percentages by hand. All times are relative to the UTC midnight that starts today.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../src/domain/constants';
import type { Db } from '../../src/server/db';
import { type Actor, cliActor } from '../../src/server/services/actor';
import { createComponent, createGroup } from '../../src/server/services/components';
import { createIncident, postUpdate, savePostmortem } from '../../src/server/services/incidents';
import { createMaintenance } from '../../src/server/services/maintenance';
import { putSetting } from '../../src/server/queries/settings';

export const E2E: Actor = cliActor('e2e');

function todayStart(now = Date.now()): number {
  return Math.floor(now / MS_PER_DAY) * MS_PER_DAY;
}

/** Outages on the "api" component, as [days before today, start hour, minutes, status]. */
export const API_OUTAGES = [
  { daysAgo: 40, hour: 23, minutes: 120, status: 'major_outage' as const, title: 'Outage across midnight' },
  { daysAgo: 20, hour: 14, minutes: 120, status: 'partial_outage' as const, title: 'Partial API outage' },
  { daysAgo: 10, hour: 10, minutes: 90, status: 'major_outage' as const, title: 'API down for 90 minutes' },
  { daysAgo: 5, hour: 8, minutes: 180, status: 'degraded_performance' as const, title: 'Slow API responses' },
];

export const HISTORY_INCIDENTS = 23;

export function seedFixture(db: Db, now = Date.now()): void {
  const t0 = todayStart(now);
  putSetting(db, 'pageName', 'E2E Status');
  const core = createGroup(db, { name: 'Core' }, E2E, now);
  const data = createGroup(db, { name: 'Data', collapsed: true }, E2E, now);
  const api = createComponent(db, { name: 'API', slug: 'api', description: 'Public REST API', groupId: core.id, startDate: t0 - 120 * MS_PER_DAY, target: 99.9 }, E2E, now);
  createComponent(db, { name: 'Web app', slug: 'web', groupId: core.id, startDate: t0 - 120 * MS_PER_DAY }, E2E, now);
  createComponent(db, { name: 'EU database', slug: 'db-eu', groupId: data.id, startDate: t0 - 120 * MS_PER_DAY }, E2E, now);
  createComponent(db, { name: 'Docs', slug: 'docs', startDate: t0 - 30 * MS_PER_DAY + 12 * MS_PER_HOUR }, E2E, now);

  // Many short resolved incidents on "web" for history pagination, oldest first.
  for (let i = 0; i < HISTORY_INCIDENTS; i++) {
    const start = t0 - (100 - i * 4) * MS_PER_DAY + 3 * MS_PER_HOUR;
    const inc = createIncident(
      db,
      { title: `Web incident ${i + 1}`, impact: 'minor', status: 'investigating', body: `Web incident number ${i + 1}.`, components: { web: 'degraded_performance' }, startedAt: start, displayAt: start + MS_PER_MINUTE },
      E2E,
      now,
    );
    postUpdate(db, inc.id, { status: 'resolved', body: 'Resolved.', displayAt: start + 30 * MS_PER_MINUTE }, E2E, now);
  }

  for (const o of API_OUTAGES) {
    const start = t0 - o.daysAgo * MS_PER_DAY + o.hour * MS_PER_HOUR;
    const inc = createIncident(
      db,
      { title: o.title, impact: o.status === 'major_outage' ? 'critical' : o.status === 'partial_outage' ? 'major' : 'minor', status: 'investigating', body: `Investigating: ${o.title}.`, components: { [api.id]: o.status }, startedAt: start, displayAt: start + 5 * MS_PER_MINUTE },
      E2E,
      now,
    );
    postUpdate(db, inc.id, { status: 'identified', body: 'Cause **identified**.', displayAt: start + 10 * MS_PER_MINUTE }, E2E, now);
    postUpdate(db, inc.id, { status: 'resolved', body: 'All good again.', displayAt: start + o.minutes * MS_PER_MINUTE }, E2E, now);
    if (o.daysAgo === 10) savePostmortem(db, inc.id, '## Root cause\nA *bad* config push.\n\n<script>window.__pwned = 1</script>', true, E2E, now);
  }

  createMaintenance(
    db,
    { title: 'Planned database upgrade', body: 'Upgrading the **EU database**.', scheduledFor: now + 2 * MS_PER_DAY, scheduledUntil: now + 2 * MS_PER_DAY + MS_PER_HOUR, components: ['db-eu'] },
    E2E,
    now,
  );
}
