import { describe, expect, it } from 'vitest';
import { ALL, invalidationPlan, mergePlans, staleSlaMonths, type ChangeFacts, type InvalidationPlan } from './invalidation';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const at = (iso: string) => Date.parse(iso);
const day = (iso: string) => Math.floor(at(iso) / 86_400_000);
const INCIDENT = ['page:feeds', 'page:history', 'page:missing', 'page:api', 'page:overview', 'sla:current'];
const MAINTENANCE = ['page:api', 'page:maintenance', 'page:overview', 'sla:current'];
const STATUS = ['page:api', 'page:badge', 'page:overview', 'sla:current'];
const EVERYTHING: InvalidationPlan = { cacheTags: [ALL], dayRecords: { components: ALL, fromDay: null }, slaMonths: [] };
const plan = (tags: string[], components: string[], fromDay: number | null, slaMonths: string[]): InvalidationPlan => ({
  cacheTags: [...tags, ...slaMonths.map((m) => `sla:${m}`), ...components.map((c) => `component:${c}`)].sort(),
  dayRecords: { components, fromDay },
  slaMonths,
});
const change = (kind: string, entity: string, id: number | null, components: string[] = [], span: ChangeFacts['span'] = null): ChangeFacts => ({ kind, entity, id, components, span });
const open = { start: at('2026-11-22T10:00:00Z'), end: null };

// One row per kind of change the change log records (src/server/services/journal.ts's ChangeKind).
const ROWS: [string, ChangeFacts, InvalidationPlan][] = [
  ['incident created (open)', change('incident.created', 'incident', 7, ['api'], open), plan([...INCIDENT, 'incident:7'], ['api'], day('2026-11-22T10:00:00Z'), ['2026-11'])],
  ['incident updated, resolved', change('incident.updated', 'incident', 7, ['api', 'web'], { start: at('2026-11-22T10:00:00Z'), end: at('2026-11-22T11:00:00Z') }), plan([...INCIDENT, 'incident:7'], ['api', 'web'], day('2026-11-22T10:00:00Z'), ['2026-11'])],
  ['incident edited: backdated over a month end, a component dropped', change('incident.updated', 'incident', 7, ['api', 'web'], { start: at('2026-09-30T23:50:00Z'), end: at('2026-10-01T00:20:00Z') }), plan([...INCIDENT, 'incident:7'], ['api', 'web'], day('2026-09-30T23:50:00Z'), ['2026-09', '2026-10'])],
  ['incident reopened (open again until now)', change('incident.updated', 'incident', 7, ['api'], { start: at('2026-10-31T12:00:00Z'), end: null }), plan([...INCIDENT, 'incident:7'], ['api'], day('2026-10-31T12:00:00Z'), ['2026-10', '2026-11'])],
  ['incident deleted (span and components from its payload)', change('incident.deleted', 'incident', 7, ['search'], { start: at('2026-11-10T00:30:00Z'), end: at('2026-11-10T01:00:00Z') }), plan([...INCIDENT, 'incident:7'], ['search'], day('2026-11-10T00:30:00Z'), ['2026-11'])],
  ['SLA exclusion of an incident (an incident update)', change('incident.updated', 'incident', 3, ['api'], { start: at('2026-09-12T08:00:00Z'), end: at('2026-09-12T09:00:00Z') }), plan([...INCIDENT, 'incident:3'], ['api'], day('2026-09-12T08:00:00Z'), ['2026-09'])],
  ['post-mortem published', change('postmortem.published', 'incident', 3, [], { start: at('2026-11-15T08:00:00Z'), end: at('2026-11-15T09:00:00Z') }), plan([...INCIDENT, 'incident:3'], [], day('2026-11-15T08:00:00Z'), ['2026-11'])],
  ['incident row already gone and no payload', change('incident.deleted', 'incident', 9), plan([...INCIDENT, 'incident:9'], [], null, [])],
  ['component status (operator)', change('component.status', 'component', 1, ['api'], open), plan(STATUS, ['api'], day('2026-11-22T10:00:00Z'), ['2026-11'])],
  ['monitor verdict backfilled to last month', change('component.status', 'component', 1, ['api'], { start: at('2026-10-15T00:00:00Z'), end: null }), plan(STATUS, ['api'], day('2026-10-15T00:00:00Z'), ['2026-10', '2026-11'])],
  ['status of a component deleted since', change('component.status', 'component', 4, [], null), plan(STATUS, [], null, [])],
  // A window next month names this month too: the day of margin before its start reaches back into it.
  ['maintenance created', change('maintenance.created', 'maintenance', 2, ['db'], { start: at('2026-12-01T02:00:00Z'), end: at('2026-12-01T04:00:00Z') }), plan(MAINTENANCE, ['db'], day('2026-12-01T02:00:00Z'), ['2026-11'])],
  ['maintenance started', change('maintenance.started', 'maintenance', 2, ['db'], { start: at('2026-11-23T11:00:00Z'), end: at('2026-11-23T13:00:00Z') }), plan(MAINTENANCE, ['db'], day('2026-11-23T11:00:00Z'), ['2026-11'])],
  ['maintenance ended early', change('maintenance.ended', 'maintenance', 2, ['db'], { start: at('2026-11-23T11:00:00Z'), end: at('2026-11-23T11:30:00Z') }), plan(MAINTENANCE, ['db'], day('2026-11-23T11:00:00Z'), ['2026-11'])],
  ['maintenance edited', change('maintenance.updated', 'maintenance', 2, ['db', 'api'], { start: at('2026-11-30T23:00:00Z'), end: at('2026-12-01T01:00:00Z') }), plan(MAINTENANCE, ['api', 'db'], day('2026-11-30T23:00:00Z'), ['2026-11'])],
  ['maintenance reminder', change('maintenance.reminder', 'maintenance', 2, ['db'], { start: at('2026-11-24T02:00:00Z'), end: at('2026-11-24T04:00:00Z') }), plan(MAINTENANCE, ['db'], day('2026-11-24T02:00:00Z'), ['2026-11'])],
  ['component created, edited, deleted or reordered', change('component.updated', 'component', 5), EVERYTHING],
  ['group edited', change('component.updated', 'group', 2), EVERYTHING],
  ['settings or branding', change('settings.updated', 'settings', null), EVERYTHING],
  ['SLA settings (time zone, tiers)', change('settings.updated', 'settings', null), EVERYTHING],
  ['a new UTC day', change('clock.day', 'clock', 20_415), EVERYTHING],
  ['an incident change without a numeric id', change('incident.updated', 'incident', null, ['api'], open), EVERYTHING],
];

describe('invalidationPlan', () => {
  it.each(ROWS)('%s', (_name, facts, expected) => {
    expect(invalidationPlan(facts, NOW)).toEqual(expected);
  });

  it('caps SLA months at 36 for a history reaching back to 1970', () => {
    const p = invalidationPlan(change('component.status', 'component', 1, ['api'], { start: 0, end: null }), NOW);
    expect(p.slaMonths).toHaveLength(36);
    expect(p.slaMonths[0]).toBe('1969-12');
  });

  it('never names a month after now, even for a window scheduled later', () => {
    const p = invalidationPlan(change('maintenance.created', 'maintenance', 2, ['db'], { start: at('2027-03-01T00:00:00Z'), end: at('2027-03-01T02:00:00Z') }), NOW);
    expect(p.slaMonths).toEqual([]);
  });
});

describe('mergePlans', () => {
  const a = invalidationPlan(ROWS[0][1], NOW);
  const b = invalidationPlan(ROWS[9][1], NOW);

  it('unions tags, components and months, and keeps the earliest stale day', () => {
    expect(mergePlans([a, b])).toEqual({
      cacheTags: [...new Set([...a.cacheTags, ...b.cacheTags])].sort(),
      dayRecords: { components: ['api'], fromDay: day('2026-10-15T00:00:00Z') },
      slaMonths: ['2026-10', '2026-11'],
    });
  });

  it('is everything once one change is, and nothing for no change', () => {
    expect(mergePlans([a, EVERYTHING, b])).toEqual(EVERYTHING);
    expect(mergePlans([])).toEqual({ cacheTags: [], dayRecords: { components: [], fromDay: null }, slaMonths: [] });
  });
});

describe('staleSlaMonths', () => {
  it.each([
    ['one day in UTC', '2026-09-05T00:00:00Z', '2026-09-05T00:06:00Z', 'UTC', '2026-09', '2026-09'],
    ['over a month end', '2026-09-30T23:50:00Z', '2026-10-01T00:20:00Z', 'UTC', '2026-09', '2026-10'],
    ['the same instants in Tokyo (UTC+9): October only', '2026-09-30T23:50:00Z', '2026-10-01T00:20:00Z', 'Asia/Tokyo', '2026-10', '2026-10'],
    ['New York (UTC−4) keeps it in September', '2026-09-30T23:50:00Z', '2026-10-01T00:20:00Z', 'America/New_York', '2026-09', '2026-09'],
    ['an end before the start (a clock behind the backfill)', '2026-09-05T00:00:00Z', '2026-08-01T00:00:00Z', 'UTC', '2026-09', '2026-09'],
    ['open to the far future', '2026-09-05T00:00:00Z', '9999-12-01T00:00:00Z', 'UTC', '2026-09', '9999-12'],
  ])('%s', (_name, from, to, tz, first, last) => {
    expect(staleSlaMonths(at(from), at(to), tz)).toEqual({ first, last });
  });
});
