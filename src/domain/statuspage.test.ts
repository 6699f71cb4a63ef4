import { describe, expect, it } from 'vitest';
import { isFinishedSpStatus, isoTime, toSpComponents, toSpIncident, toSpMaintenance, toSpPage, type ComponentInput, type MaintenanceInput } from './statuspage';

const T = Date.UTC(2026, 10, 23, 12, 0, 0);
const comp = (id: number, groupId: number | null, position: number, status: ComponentInput['status'] = 'operational'): ComponentInput => ({
  id,
  name: `C${id}`,
  description: id === 1 ? '' : 'desc',
  groupId,
  position,
  status,
  startDate: Date.UTC(2026, 0, 15, 8),
  onlyShowIfDegraded: false,
  createdAt: T,
  updatedAt: T + id,
});
const group = (id: number, position: number) => ({ id, name: `G${id}`, description: null, position, createdAt: T, updatedAt: T });

describe('toSpComponents', () => {
  const list = toSpComponents('p1', [group(2, 1), group(1, 0), group(9, 5)], [comp(3, 1, 1, 'partial_outage'), comp(1, 1, 0), comp(4, 2, 0), comp(5, null, 0), comp(6, 77, 1)]);

  it('orders groups, their children, then ungrouped; positions count top-level rows and each group separately', () => {
    expect(list.map((c) => c.id)).toEqual(['g1', '1', '3', 'g2', '4', '5', '6']);
    expect(list.map((c) => c.position)).toEqual([1, 1, 2, 2, 1, 3, 4]);
  });
  it('gives group rows child ids and the worst child status; leaves out empty groups', () => {
    const g1 = list.find((c) => c.id === 'g1')!;
    expect(g1).toMatchObject({ group: true, components: ['1', '3'], status: 'partial_outage', group_id: null, start_date: null });
    expect(list.some((c) => c.id === 'g9')).toBe(false);
  });
  it('maps component rows with string ids, nulls and dates', () => {
    const c1 = list.find((c) => c.id === '1')!;
    expect(c1).toEqual({
      id: '1',
      name: 'C1',
      status: 'operational',
      created_at: '2026-11-23T12:00:00.000Z',
      updated_at: '2026-11-23T12:00:00.001Z',
      position: 1,
      description: null,
      showcase: true,
      start_date: '2026-01-15',
      group_id: 'g1',
      page_id: 'p1',
      group: false,
      only_show_if_degraded: false,
    });
    expect(list.find((c) => c.id === '6')!.group_id).toBeNull(); // unknown group → ungrouped
  });
});

describe('toSpIncident', () => {
  const components = toSpComponents('p1', [], [comp(1, null, 0), comp(2, null, 1)]);
  const upd = (id: number, status: 'investigating' | 'resolved', displayAt: number) => ({ id, status, body: `b${id}`, displayAt, createdAt: displayAt, updatedAt: displayAt, affected: [] as never[] });
  const incident = toSpIncident(
    {
      id: 7,
      title: 'API down',
      impact: 'major',
      status: 'resolved',
      startedAt: T - 3_600_000,
      monitoringAt: null,
      resolvedAt: T,
      createdAt: T - 3_000_000,
      updatedAt: T,
      components: [{ id: 2 }],
      updates: [upd(10, 'investigating', T - 3_000_000), { ...upd(11, 'resolved', T), affected: [{ componentId: 2, name: 'C2', oldStatus: 'major_outage', newStatus: 'operational' }] }],
      postmortemMd: '## Why',
      postmortemPublishedAt: T + 1000,
    },
    { pageId: 'p1', siteUrl: 'https://status.example.com', components },
  );

  it('puts the newest update first and maps affected components (an empty list when none)', () => {
    expect(incident.incident_updates.map((u) => u.id)).toEqual(['11', '10']);
    expect(incident.incident_updates[0].affected_components).toEqual([{ code: '2', name: 'C2', old_status: 'major_outage', new_status: 'operational' }]);
    expect(incident.incident_updates[1].affected_components).toEqual([]);
    expect(incident.incident_updates[0].incident_id).toBe('7');
  });
  it('has absolute shortlink, ISO times, nulls, full component objects', () => {
    expect(incident).toMatchObject({
      id: '7',
      shortlink: 'https://status.example.com/incidents/7',
      started_at: '2026-11-23T11:00:00.000Z',
      monitoring_at: null,
      resolved_at: '2026-11-23T12:00:00.000Z',
      status: 'postmortem',
      reminder_intervals: null,
    });
    expect(incident).not.toHaveProperty('postmortem_body');
    expect(incident).not.toHaveProperty('postmortem_published_at');
    expect(incident.components.map((c) => c.id)).toEqual(['2']);
  });
});

describe('toSpMaintenance', () => {
  const base: MaintenanceInput = { id: 3, title: 'Upgrade', body: 'We upgrade.', status: 'scheduled', scheduledFor: T + 1000, scheduledUntil: T + 5000, startedAt: null, completedAt: null, createdAt: T - 1000, updatedAt: T - 500, components: [] };
  const ctx = { pageId: 'p1', siteUrl: 'https://s.example', components: [] };
  it.each<[MaintenanceInput['status'], Partial<MaintenanceInput>, string[], string | null]>([
    ['scheduled', {}, ['scheduled'], null],
    ['in_progress', { startedAt: T + 900 }, ['in_progress', 'scheduled'], null],
    ['completed', { startedAt: T + 1000, completedAt: T + 4000 }, ['completed', 'in_progress', 'scheduled'], isoTime(T + 4000)],
  ])('%s → updates %j', (status, extra, statuses, resolvedAt) => {
    const m = toSpMaintenance({ ...base, status, ...extra }, ctx);
    expect(m.id).toBe('m3');
    expect(m.impact).toBe('maintenance');
    expect(m.incident_updates.map((u) => u.status)).toEqual(statuses);
    expect(m.resolved_at).toBe(resolvedAt);
    expect(m.scheduled_for).toBe(isoTime(T + 1000));
    expect(new Set(m.incident_updates.map((u) => u.id)).size).toBe(statuses.length);
  });
});

describe('toSpMaintenance identities and changes', () => {
  const comps = toSpComponents('p1', [], [comp(2, null, 0, 'under_maintenance')]);
  const m = toSpMaintenance(
    { id: 3, title: 'U', body: 'b', status: 'completed', scheduledFor: T, scheduledUntil: T + 5000, startedAt: T, completedAt: T + 4000, createdAt: T - 9000, updatedAt: T + 4000, components: [{ id: 2 }] },
    { pageId: 'p1', siteUrl: 'https://s.example', components: comps, timeZone: 'America/New_York' },
  );
  it('has its own shortlink, started_at = created_at, offsets of the page zone', () => {
    expect(m.shortlink).toBe('https://s.example/maintenance/3');
    expect(m.started_at).toBe(m.created_at);
    expect(m.created_at).toBe('2026-11-23T06:59:51.000-05:00');
  });
  it('lists the under_maintenance changes on each update, newest first', () => {
    expect(m.incident_updates.map((u) => [u.status, u.affected_components.map((a) => `${a.old_status}>${a.new_status}`)])).toEqual([
      ['completed', ['under_maintenance>operational']],
      ['in_progress', ['operational>under_maintenance']],
      ['scheduled', ['operational>operational']],
    ]);
  });
  it('keeps created_at ≤ updated_at for backfilled rows', () => {
    const back = toSpMaintenance({ id: 4, title: 'B', body: '', status: 'scheduled', scheduledFor: T, scheduledUntil: T + 1, startedAt: null, completedAt: null, createdAt: T + 50, updatedAt: T, components: [] }, { pageId: 'p', siteUrl: 'https://s', components: [] });
    expect(Date.parse(back.created_at)).toBeLessThanOrEqual(Date.parse(back.updated_at));
    expect(Date.parse(back.incident_updates[0].created_at)).toBeLessThanOrEqual(Date.parse(back.incident_updates[0].updated_at));
  });
});

it('toSpPage uses Etc/UTC and ISO updated_at', () => {
  expect(toSpPage({ id: 'p', name: 'N', url: 'https://x', updatedAt: T })).toEqual({ id: 'p', name: 'N', url: 'https://x', time_zone: 'Etc/UTC', updated_at: '2026-11-23T12:00:00.000Z' });
});

describe('isFinishedSpStatus: what a payload status says is over', () => {
  it.each<[string, boolean]>([
    ['investigating', false],
    ['identified', false],
    ['monitoring', false],
    ['resolved', true],
    ['postmortem', true],
    ['scheduled', false],
    ['in_progress', false],
    ['verifying', false],
    ['completed', true],
    ['cancelled', true],
    ['', false],
    ['RESOLVED', false],
  ])('%j → %s', (status, finished) => {
    expect(isFinishedSpStatus(status)).toBe(finished);
  });
});
