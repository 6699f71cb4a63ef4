import { describe, expect, it } from 'vitest';
import { COMPONENT_STATUSES, type ComponentStatus, type IncidentStatus } from './enums';
import { worstStatus } from './status';
import { FUTURE_SLACK_MS } from './constants';
import { applyUpdate, initialState, isInFuture, LifecycleError, releaseOnResolve, type Hold, type IncidentState } from './incident';

const T0 = Date.UTC(2026, 10, 1, 12);
const MIN = 60_000;
const now = T0 + 120 * MIN;

function run(steps: [IncidentStatus, number][]): IncidentState {
  let s = initialState(T0);
  for (const [status, at] of steps) s = applyUpdate(s, { status, displayAt: T0 + at * MIN }, now).next;
  return s;
}

describe('applyUpdate: transitions (rule 7)', () => {
  const open: IncidentStatus[] = ['investigating', 'identified', 'monitoring'];
  it.each(open.flatMap((a) => open.map((b) => [a, b] as const)))('%s → %s is allowed and does not resolve', (a, b) => {
    const s = run([[a, 1]]);
    const t = applyUpdate(s, { status: b, displayAt: T0 + 2 * MIN }, now);
    expect(t.next.status).toBe(b);
    expect(t.resolved).toBe(false);
    expect(t.reopened).toBe(false);
    expect(t.next.resolvedAt).toBeNull();
    expect(t.next.lastUpdateAt).toBe(T0 + 2 * MIN);
  });

  it.each(open)('%s → resolved closes it and stamps resolvedAt with the update time', (a) => {
    const s = run([[a, 1]]);
    const t = applyUpdate(s, { status: 'resolved', displayAt: T0 + 30 * MIN }, now);
    expect(t).toMatchObject({ resolved: true, reopened: false });
    expect(t.next.status).toBe('resolved');
    expect(t.next.resolvedAt).toBe(T0 + 30 * MIN);
  });

  it.each(open)('resolved → %s reopens it and clears resolvedAt', (b) => {
    const s = run([['investigating', 1], ['resolved', 10]]);
    const t = applyUpdate(s, { status: b, displayAt: T0 + 20 * MIN }, now);
    expect(t).toMatchObject({ reopened: true, resolved: false });
    expect(t.next.status).toBe(b);
    expect(t.next.resolvedAt).toBeNull();
  });

  it('a second "resolved" keeps the first resolve time', () => {
    const s = run([['investigating', 1], ['resolved', 10]]);
    const t = applyUpdate(s, { status: 'resolved', displayAt: T0 + 20 * MIN }, now);
    expect(t).toMatchObject({ resolved: false, reopened: false });
    expect(t.next.resolvedAt).toBe(T0 + 10 * MIN);
  });

  it('resolving after a reopen stamps the new resolve time', () => {
    const s = run([['investigating', 1], ['resolved', 10], ['identified', 20], ['resolved', 40]]);
    expect(s.resolvedAt).toBe(T0 + 40 * MIN);
  });

  it('identifiedAt and monitoringAt are stamped once, at the first such update', () => {
    const s = run([['identified', 5], ['monitoring', 10], ['identified', 15], ['monitoring', 20]]);
    expect(s.identifiedAt).toBe(T0 + 5 * MIN);
    expect(s.monitoringAt).toBe(T0 + 10 * MIN);
    expect(s.startedAt).toBe(T0);
  });

  it('an incident created already resolved is resolved at its first update', () => {
    const t = applyUpdate(initialState(T0), { status: 'resolved', displayAt: T0 + MIN }, now);
    expect(t.next).toMatchObject({ status: 'resolved', resolvedAt: T0 + MIN });
    expect(t.resolved).toBe(true);
  });
});

describe('applyUpdate: backdating rules', () => {
  const s = run([['investigating', 10]]);
  it.each<[string, number, string | null]>([
    ['now', now, null],
    ['within the 1 s clock skew allowance', now + 1000, null],
    ['in the future', now + 1001, 'display_at'],
    ['backdated after the previous update', T0 + 11 * MIN, null],
    ['at the same time as the previous update', T0 + 10 * MIN, null],
    ['before the previous update', T0 + 9 * MIN, 'display_at'],
    ['before the incident started', T0 - 1, 'display_at'],
  ])('%s', (_name, displayAt, field) => {
    const act = () => applyUpdate(s, { status: 'identified', displayAt }, now);
    if (field === null) expect(act().next.lastUpdateAt).toBe(displayAt);
    else {
      expect(act).toThrow(LifecycleError);
      try {
        act();
      } catch (e) {
        expect((e as LifecycleError).field).toBe(field);
      }
    }
  });

  it('the first update may be at the start itself but not before it', () => {
    expect(applyUpdate(initialState(T0), { status: 'investigating', displayAt: T0 }, now).next.lastUpdateAt).toBe(T0);
    expect(() => applyUpdate(initialState(T0), { status: 'investigating', displayAt: T0 - MIN }, now)).toThrow(/before the incident started/);
  });

  it('does not mutate the given state', () => {
    const before = structuredClone(s);
    applyUpdate(s, { status: 'resolved', displayAt: now }, now);
    expect(s).toEqual(before);
  });
});

describe('releaseOnResolve', () => {
  it.each<[string, number[], Hold[], [number, ComponentStatus | null][]]>([
    ['no other incidents: everything released', [1, 2], [], [[1, null], [2, null]]],
    ['another open incident keeps its component', [1, 2], [{ componentId: 2, status: 'partial_outage' }], [[1, null], [2, 'partial_outage']]],
    ['holds on unrelated components are ignored', [1], [{ componentId: 9, status: 'major_outage' }], [[1, null]]],
    [
      'several holds: the worst wins, in any order',
      [1],
      [
        { componentId: 1, status: 'degraded_performance' },
        { componentId: 1, status: 'major_outage' },
        { componentId: 1, status: 'partial_outage' },
      ],
      [[1, 'major_outage']],
    ],
    ['no components', [], [{ componentId: 1, status: 'major_outage' }], []],
  ])('%s', (_name, ids, holds, expected) => {
    expect([...releaseOnResolve(ids, holds)]).toEqual(expected);
    expect([...releaseOnResolve(ids, [...holds].reverse())]).toEqual(expected);
  });
});

describe('releaseOnResolve ranks statuses by the one status order', () => {
  const pairs = COMPONENT_STATUSES.flatMap((a) => COMPONENT_STATUSES.map((b) => [a, b] as const));
  it.each(pairs)('holds %s and %s keep worstStatus of the two', (a, b) => {
    const holds: Hold[] = [{ componentId: 1, status: a }, { componentId: 1, status: b }];
    expect(releaseOnResolve([1], holds).get(1)).toBe(worstStatus(a, b));
  });
});

describe('isInFuture: one slack for every operator-given time', () => {
  it.each<[string, number, boolean]>([
    ['the past', now - MIN, false],
    ['now', now, false],
    ['within the slack', now + FUTURE_SLACK_MS - 1, false],
    ['at the slack', now + FUTURE_SLACK_MS, false],
    ['just past the slack', now + FUTURE_SLACK_MS + 1, true],
    ['a minute ahead', now + MIN, true],
  ])('%s → %s', (_name, at, future) => {
    expect(isInFuture(at, now)).toBe(future);
  });

  it('applyUpdate refuses an update time exactly when isInFuture says so', () => {
    const s = initialState(T0);
    expect(() => applyUpdate(s, { status: 'investigating', displayAt: now + FUTURE_SLACK_MS }, now)).not.toThrow();
    expect(() => applyUpdate(s, { status: 'investigating', displayAt: now + FUTURE_SLACK_MS + 1 }, now)).toThrow(LifecycleError);
  });
});
