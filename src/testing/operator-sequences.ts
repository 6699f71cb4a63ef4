/**
 * Issue 25's property: random sequences of operator actions (declare, update, set by hand or as an update,
 * resolve with or without keeping, maintenance start/end), run through the real verbs, then wound down as an
 * operator following the admin would: every incident resolved, every window ended, every warned-about hand-set
 * status cleared. Shared by the read-model property test
 * and the rendered-page test.
 */
import fc from 'fast-check';
import type { ComponentStatus, IncidentStatus } from '../domain/enums';
import type { Db } from '../server/db';
import { setComponentStatus } from '../server/features/components/verbs';
import { createIncident, postIncidentUpdate } from '../server/features/incidents/verbs';
import type { VerbContext } from '../server/features/verb';
import { userActor } from '../server/services/actor';
import { createComponent } from '../server/services/components';
import { completeMaintenanceNow, createMaintenance, startMaintenanceNow } from '../server/services/maintenance';
import { leftoverManualStatuses, openIncidentsByComponent } from '../server/queries/status-sources';

const SEQUENCE_SLUGS = ['api', 'web', 'db'] as const;
const STATUSES: ComponentStatus[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];
const OPEN: IncidentStatus[] = ['investigating', 'identified', 'monitoring'];
const slug = fc.constantFrom(...SEQUENCE_SLUGS);
const statuses = fc.dictionary(slug, fc.constantFrom(...STATUSES), { minKeys: 1, maxKeys: 3 });

const action = fc.oneof(
  fc.record({ kind: fc.constant('declare' as const), components: statuses }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), status: fc.constantFrom(...OPEN), components: fc.option(statuses, { nil: undefined }) }),
  fc.record({ kind: fc.constant('byHand' as const), slug, status: fc.option(fc.constantFrom(...STATUSES), { nil: null }), asUpdate: fc.boolean() }),
  fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat(), keep: fc.subarray([...SEQUENCE_SLUGS]) }),
  fc.record({ kind: fc.constant('maintenance' as const), components: fc.subarray([...SEQUENCE_SLUGS], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('endMaintenance' as const), pick: fc.nat() }),
);
export const operatorSequence = fc.array(action, { maxLength: 12 });
export type OperatorAction = typeof action extends fc.Arbitrary<infer A> ? A : never;

const MIN = 60_000;

/** Called once every incident is resolved, before the warned-about hand-set statuses are cleared. */
type AfterResolve = (expectedLeftovers: string[], now: number) => void;

/**
 * Runs the actions through the verbs (an editor acting), a minute apart from `start`, then winds down unless told
 * not to. An independent oracle of rule 7 tracks which hand-set statuses must survive the resolves: one set before
 * an incident started, or kept, outlives it; one set during it ends with it. Returns the last clock.
 */
export function runSequence(db: Db, actions: OperatorAction[], start: number, windDown = true, afterResolve?: AfterResolve): number {
  let now = start;
  const ctx = (): VerbContext => ({ db, now: (now += MIN), actor: userActor({ id: 1, email: 'ops@example.com', role: 'editor' }) });
  const ids = Object.fromEntries(SEQUENCE_SLUGS.map((s) => [s, createComponent(db, { name: s.toUpperCase(), slug: s, startDate: start }, ctx().actor, start).id]));
  const incidents: { id: number; open: boolean; startedAt: number; slugs: Set<string> }[] = [];
  const manual = new Map<string, number>(); // slug → when its non-operational hand-set status was set
  const windows: { id: number; running: boolean }[] = [];
  const pickOpen = (n: number) => incidents.filter((i) => i.open)[n % Math.max(1, incidents.filter((i) => i.open).length)];
  const resolve = (i: (typeof incidents)[number], keep: string[]) => {
    postIncidentUpdate(ctx(), { incident_id: i.id, status: 'resolved', body: 'Resolved.', keep_manual: keep.map((s) => ids[s]).join(',') });
    i.open = false;
    for (const s of i.slugs) if ((manual.get(s) ?? -1) >= i.startedAt && !keep.includes(s)) manual.delete(s);
  };
  for (const a of actions) {
    if (a.kind === 'declare') {
      const c = ctx();
      incidents.push({ id: createIncident(c, { name: 'Outage', impact: 'major', status: 'investigating', body: 'Looking.', components: a.components }).id, open: true, startedAt: c.now, slugs: new Set(Object.keys(a.components)) });
    } else if (a.kind === 'update' && pickOpen(a.pick)) {
      const i = pickOpen(a.pick);
      postIncidentUpdate(ctx(), { incident_id: i.id, status: a.status, body: 'More.', components: a.components ?? {} });
      for (const s of Object.keys(a.components ?? {})) i.slugs.add(s);
    }
    else if (a.kind === 'resolve' && pickOpen(a.pick)) resolve(pickOpen(a.pick), a.keep);
    else if (a.kind === 'byHand') {
      const open = openIncidentsByComponent(db).get(ids[a.slug]);
      const via = a.asUpdate && a.status !== null && open?.length ? String(open[0].id) : '';
      const c = ctx();
      setComponentStatus(c, { component_id: ids[a.slug], status: a.status ?? '', incident_id: via });
      if (via) continue;
      if (a.status === null || a.status === 'operational') manual.delete(a.slug);
      else manual.set(a.slug, c.now);
    } else if (a.kind === 'maintenance') {
      const c = ctx();
      const m = createMaintenance(db, { title: 'Window', body: 'Work.', scheduledFor: c.now + 60 * MIN, scheduledUntil: c.now + 120 * MIN, components: a.components.map((s) => ids[s]) }, c.actor, c.now);
      startMaintenanceNow(db, m.id, c.actor, c.now);
      windows.push({ id: m.id, running: true });
    } else if (a.kind === 'endMaintenance') {
      const running = windows.filter((w) => w.running);
      const w = running[a.pick % Math.max(1, running.length)];
      if (w) {
        completeMaintenanceNow(db, w.id, ctx().actor, now);
        w.running = false;
      }
    }
  }
  if (!windDown) return now;
  // Wind down: every incident resolved, every window ended, and the hand-set statuses the admin warns about cleared.
  for (const i of incidents.filter((x) => x.open)) resolve(i, []);
  afterResolve?.([...manual.keys()].sort(), now);
  for (const w of windows.filter((x) => x.running)) completeMaintenanceNow(db, w.id, ctx().actor, now);
  for (const c of leftoverManualStatuses(db, now)) setComponentStatus(ctx(), { component_id: c.id, status: '' });
  return now;
}
