import { describe, expect, it } from 'vitest';
import { exportUrls, fileFor, mirrorUrl, rewriteLinks } from './mirror-paths';

describe.each([
  ['/', 'text/html; charset=utf-8', 'index.html'],
  ['/incidents/12', 'text/html; charset=utf-8', 'incidents/12/index.html'],
  ['/components/api', 'text/html', 'components/api/index.html'],
  ['/components/api/feed.xml', 'application/rss+xml', 'components/api/feed.xml'],
  ['/api/v2/incidents/unresolved.json', 'application/json', 'api/v2/incidents/unresolved.json'],
  ['/history?page=3', 'text/html', 'history/page/3/index.html'],
  ['/history?page=1', 'text/html', 'history/index.html'],
  ['/sla?month=2026-02', 'text/html', 'sla/2026-02/index.html'],
  ['/sla.csv?month=2026-02', 'text/csv', 'sla/2026-02.csv'],
  ['/api/sla.json?month=2026-02', 'application/json', 'api/sla/2026-02.json'],
])('fileFor(%s)', (url, type, file) => {
  it('is where a static host answers the same URL', () => expect(fileFor(url, type)).toBe(file));
});

describe('mirrorUrl', () => {
  it.each(['/history?component=api', '/history?component=api&page=2', '/sla?month=2026-02&x=1', '/history?page=-1', '/sla?month=../..'])('has no place for %s', (url) => {
    expect(mirrorUrl(url)).toBeNull();
  });
});

describe('rewriteLinks', () => {
  it('points query-variant links at their mirror paths and leaves the rest', () => {
    const html = '<a href="/history?page=2">Older</a> <a href="/sla?month=2026-01" rel="prev">x</a> <a href="/history?component=api&amp;page=2">f</a> <a href="/incidents/3">i</a>';
    expect(rewriteLinks(html)).toBe('<a href="/history/page/2/">Older</a> <a href="/sla/2026-01/" rel="prev">x</a> <a href="/history?component=api&amp;page=2">f</a> <a href="/incidents/3">i</a>');
  });
});

describe('exportUrls', () => {
  const day = 86_400_000;
  const now = Date.UTC(2026, 2, 15);
  it('holds every incident and component and each SLA month since the first component', () => {
    const urls = exportUrls({ incidentIds: [4, 9], componentSlugs: ['api'], firstStart: now - 45 * day }, now, 'UTC');
    expect(urls).toEqual(expect.arrayContaining(['/incidents/4', '/incidents/9', '/components/api', '/components/api/badge.svg', '/sla?month=2026-01', '/sla?month=2026-03']));
    expect(urls).not.toContain('/sla?month=2025-12');
  });
  it('caps the SLA months', () => {
    const urls = exportUrls({ incidentIds: [], componentSlugs: [], firstStart: 0 }, now, 'UTC');
    expect(urls.filter((u) => u.startsWith('/sla?')).length).toBe(36);
  });
});
