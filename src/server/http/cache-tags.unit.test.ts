import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tagsForChanges, tagsForPath, type TagLookups } from './cache-tags';

describe.each([
  ['/', ['all', 'page:overview']],
  ['/components/api', ['all', 'component:api']],
  ['/components/api/badge.svg', ['all', 'component:api']],
  ['/components/api/feed.xml', ['all', 'component:api']],
  ['/incidents/12', ['all', 'incident:12']],
  ['/history', ['all', 'page:history']],
  ['/history?page=3', ['all', 'page:history']],
  ['/history?component=api&page=2', ['all', 'component:api']],
  ['/history?component=%00', ['all', 'page:history']],
  ['/history?component=%E0%A4%A', ['all', 'page:history']],
  ['/history?component=NOPE', ['all', 'page:history']],
  ['/components/%C4%85', ['all', 'page:missing']],
  ['/components/a%20b/badge.svg', ['all', 'page:missing']],
  ['/feed.atom', ['all', 'page:feeds']],
  ['/feed.json', ['all', 'page:feeds']],
  ['/maintenance/4', ['all', 'page:maintenance']],
  ['/history.rss', ['all', 'page:feeds']],
  ['/maintenance.ics', ['all', 'page:maintenance']],
  ['/api/v2/summary.json', ['all', 'page:api']],
  ['/api/sla.json', ['all', 'page:sla', 'sla:current']],
  ['/sla?month=2026-02', ['all', 'page:sla', 'sla:2026-02']],
  ['/sla.csv?month=nope', ['all', 'page:sla', 'sla:current']],
  ['/badge.svg', ['all', 'page:badge']],
])('tagsForPath(%s)', (path, tags) => {
  it('names the page and what it shows', () => expect(tagsForPath(path)).toEqual(tags));
});

describe('tagsForPath on any URL', () => {
  // Tags are sent in Surrogate-Key (space-separated) and Cache-Tag (comma-separated) headers.
  const piece = fc.constantFrom('/', 'components', 'history', 'incidents', 'sla', '?', '&', '=', 'component', 'month', 'page', 'api', '12', '2026-02', '%00', '%0A', '%E0%A4%A', '%20', ',', ' ', 'é', 'ą', '\n', 'A', '-', '.json');
  it('never throws and makes only header-safe tokens', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.string(), (pieces, tail) => {
        const tags = tagsForPath('/' + pieces.join('') + tail);
        expect(tags[0]).toBe('all');
        for (const t of tags) expect(t).toMatch(/^[a-z0-9:-]+$/);
      }),
      { numRuns: 5000 },
    );
  });
});

const NOW = Date.UTC(2026, 2, 20);
const look: TagLookups = {
  componentSlug: (id) => ({ 1: 'api', 2: 'web' })[id],
  incidentSpan: (id) => (id === 7 ? { start: Date.UTC(2026, 1, 10), end: Date.UTC(2026, 1, 11) } : undefined),
  maintenanceSpan: () => ({ start: Date.UTC(2026, 2, 10), end: null }),
  incidentComponents: (id) => (id === 7 ? ['api'] : []),
  maintenanceComponents: (id) => (id === 3 ? ['web'] : []),
};

describe('tagsForChanges', () => {
  it('purges an incident, its components and the pages that list incidents', () => {
    expect(tagsForChanges([{ kind: 'incident.updated', entity: 'incident', entityId: '7' }], look, NOW)).toEqual(
      ['component:api', 'incident:7', 'page:api', 'page:feeds', 'page:history', 'page:missing', 'page:overview', 'sla:2026-02', 'sla:current'],
    );
  });
  it('purges the components an edit dropped from an incident, which its current state no longer names', () => {
    const tags = tagsForChanges([{ kind: 'incident.updated', entity: 'incident', entityId: '7', payload: JSON.stringify({ components: [2] }) }], look, NOW);
    expect(tags).toEqual(expect.arrayContaining(['component:api', 'component:web', 'incident:7']));
  });
  it("purges a deleted incident's components and months from its payload", () => {
    const payload = JSON.stringify({ components: [1, 2, 99], span: { start: Date.UTC(2026, 0, 5), end: null } });
    const tags = tagsForChanges([{ kind: 'incident.deleted', entity: 'incident', entityId: '8', payload }], look, NOW);
    expect(tags).toEqual(expect.arrayContaining(['component:api', 'component:web', 'incident:8', 'page:history', 'sla:2026-01', 'sla:2026-02', 'sla:2026-03']));
    expect(tagsForChanges([{ kind: 'incident.deleted', entity: 'incident', entityId: '8', payload: '{"components":"x","span":7}' }], look, NOW)).not.toContain('component:api');
  });
  it('purges a component whose status moved, not the other components', () => {
    const tags = tagsForChanges([{ kind: 'component.status', entity: 'component', entityId: '2', payload: JSON.stringify({ at: Date.UTC(2026, 0, 15) }) }], look, NOW);
    expect(tags).toEqual(expect.arrayContaining(['sla:2026-01', 'sla:2026-02', 'sla:2026-03', 'sla:current']));
    expect(tags).not.toContain('sla:2025-11');
    expect(tags).toContain('component:web');
    expect(tags).not.toContain('component:api');
    expect(tags).not.toContain('page:history');
  });
  it('purges a maintenance window with its components', () => {
    expect(tagsForChanges([{ kind: 'maintenance.created', entity: 'maintenance', entityId: '3' }], look, NOW)).toEqual(expect.arrayContaining(['component:web', 'page:maintenance', 'sla:2026-03']));
  });
  it.each([
    [{ kind: 'component.updated', entity: 'component', entityId: '1' }],
    [{ kind: 'component.updated', entity: 'group', entityId: '1' }],
    [{ kind: 'settings.updated', entity: 'settings', entityId: null }],
    [{ kind: 'clock.day', entity: 'clock', entityId: '2026-01-01' }],
  ])('purges everything for a change that can show anywhere (%o)', (e) => {
    expect(tagsForChanges([{ kind: 'incident.updated', entity: 'incident', entityId: '7' }, e], look, NOW)).toEqual(['all']);
  });
  it('names at most 36 SLA months for an ancient backfill', () => {
    const tags = tagsForChanges([{ kind: 'component.status', entity: 'component', entityId: '1', payload: JSON.stringify({ at: 0 }) }], look, NOW);
    expect(tags.filter((t) => /^sla:\d/.test(t))).toHaveLength(36);
  });
  it('is the same whatever order the entries come in', () => {
    const a = { kind: 'incident.created', entity: 'incident', entityId: '7' };
    const b = { kind: 'component.status', entity: 'component', entityId: '2' };
    expect(tagsForChanges([a, b], look, NOW)).toEqual(tagsForChanges([b, a], look, NOW));
  });
});
