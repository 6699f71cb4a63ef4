/** Seeds for the subscriber tests (API v2, feeds, iCal, badges, webhooks): written through the real services. */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../domain/constants';
import type { Db } from '../server/db';
import { cliActor } from '../server/services/actor';
import { createComponent, createGroup } from '../server/services/components';
import { createIncident, postUpdate, savePostmortem } from '../server/services/incidents';
import { createMaintenance } from '../server/services/maintenance';

export const TEST_ACTOR = cliActor('test');
export const NASTY_TITLE = '<script>alert(1)</script> & "quotes"';

export interface Scenario {
  groupId: number;
  api: number;
  web: number;
  lone: number;
  activeIncident: number;
  resolvedIncident: number;
  maintenance: { upcoming: number; active: number; completed: number };
}

/** Components only (two in a group, one without): the "no incidents" state. */
export function seedComponents(db: Db, now: number): Pick<Scenario, 'groupId' | 'api' | 'web' | 'lone'> {
  const start = now - 30 * MS_PER_DAY;
  const groupId = createGroup(db, { name: 'Core' }, TEST_ACTOR, start).id;
  const api = createComponent(db, { name: 'API', slug: 'api', groupId, startDate: start, description: 'Public API' }, TEST_ACTOR, now).id;
  const web = createComponent(db, { name: 'Web app', slug: 'web', groupId, startDate: start }, TEST_ACTOR, now).id;
  const lone = createComponent(db, { name: 'Email', slug: 'email', startDate: start }, TEST_ACTOR, now).id;
  return { groupId, api, web, lone };
}

/** Every state at once: active incident, resolved one with a post-mortem, maintenance upcoming/active/completed. */
export function seedScenario(db: Db, now: number): Scenario {
  const c = seedComponents(db, now);
  const t0 = now - 3 * MS_PER_DAY;
  const resolved = createIncident(
    db,
    { title: 'Database failover', impact: 'critical', status: 'investigating', body: 'Looking into it.', components: { [c.api]: 'major_outage' }, startedAt: t0, displayAt: t0 },
    TEST_ACTOR,
    now,
  );
  postUpdate(db, resolved.id, { status: 'resolved', body: 'Fixed **for good**.', displayAt: t0 + MS_PER_HOUR }, TEST_ACTOR, now);
  savePostmortem(db, resolved.id, '## Summary\nA disk failed.', true, TEST_ACTOR, now - MS_PER_DAY);
  const active = createIncident(
    db,
    { title: NASTY_TITLE, impact: 'major', status: 'investigating', body: 'Body with <b>html</b> & <script>x()</script>', components: { [c.web]: 'partial_outage' }, startedAt: now - 30 * MS_PER_MINUTE },
    TEST_ACTOR,
    now,
  );
  const upcoming = createMaintenance(db, { title: 'Upgrade', body: 'We **upgrade**.', scheduledFor: now + MS_PER_DAY, scheduledUntil: now + MS_PER_DAY + MS_PER_HOUR, components: [c.lone] }, TEST_ACTOR, now).id;
  const activeM = createMaintenance(db, { title: 'Network work', body: 'Switches.', scheduledFor: now - MS_PER_MINUTE, scheduledUntil: now + MS_PER_DAY, components: [c.lone] }, TEST_ACTOR, now).id;
  const completed = createMaintenance(db, { title: 'Done work', body: 'Finished.', scheduledFor: now - 2 * MS_PER_DAY, scheduledUntil: now - 2 * MS_PER_DAY + MS_PER_HOUR, components: [c.api] }, TEST_ACTOR, now).id;
  return { ...c, activeIncident: active.id, resolvedIncident: resolved.id, maintenance: { upcoming, active: activeM, completed } };
}
