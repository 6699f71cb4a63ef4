import { describe, expect, it } from 'vitest';
import { exportUrls, fileFor, mirrorUrl, rewriteLinks } from './mirror-paths';

const BRAND = { 'logo-light': 'png', favicon: 'webp' } as const;

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
  ['/history?component=api', 'text/html', 'history/component/api/index.html'],
  ['/history?component=api&page=1', 'text/html', 'history/component/api/index.html'],
  ['/history?component=api&page=3', 'text/html', 'history/component/api/page/3/index.html'],
  ['/history?page=2&component=web', 'text/html', 'history/component/web/page/2/index.html'],
  ['/brand/logo-light', 'image/png', 'brand/logo-light.png'],
  ['/brand/favicon?v=abc', 'image/webp', 'brand/favicon.webp'],
  ['/brand.css?v=abc', 'text/css', 'brand.css'],
  ['/maintenance/7', 'text/html', 'maintenance/7/index.html'],
  ['/feed.json', 'application/feed+json', 'feed.json'],
])('fileFor(%s)', (url, type, file) => {
  it('is where a static host answers the same URL', () => expect(fileFor(url, type, BRAND)).toBe(file));
});

describe('mirrorUrl', () => {
  it.each([
    '/history?component=API', '/history?component=api&page=0', '/history?component=api&x=1', '/sla?month=2026-02&x=1', '/history?page=-1',
    '/sla?month=../..', '/brand/logo-dark', '/brand/logo-light?v=1&x=2', '/brand.css?x=1', '/incidents?x=1',
  ])('has no place for %s', (url) => {
    expect(mirrorUrl(url, BRAND)).toBeNull();
  });
  it('keeps a cache buster, which static hosts pass by', () => {
    expect(mirrorUrl('/brand/logo-light?v=f00', BRAND)).toBe('/brand/logo-light.png?v=f00');
    expect(mirrorUrl('/brand.css?v=f00', BRAND)).toBe('/brand.css?v=f00');
  });
  it('has one subscribe page for every way of subscribing', () => {
    expect(mirrorUrl('/subscribe?via=webhook')).toBe('/subscribe');
    expect(fileFor('/subscribe?via=webhook', 'text/html')).toBe('subscribe/index.html');
  });
});

describe('rewriteLinks', () => {
  const held = new Set(['history/page/2/index.html', 'sla/2026-01/index.html', 'history/component/api/page/2/index.html', 'incidents/3/index.html', 'brand/logo-light.png', 'history/index.html']);
  const rewrite = (html: string) => rewriteLinks(html, (f) => held.has(f), 'https://status.example.com', BRAND);

  it('points query-variant links at their mirror paths and leaves the rest', () => {
    const html = '<a href="/history?page=2">Older</a> <a href="/sla?month=2026-01" rel="prev">x</a> <a href="/history?component=api&amp;page=2">f</a> <a href="/incidents/3#u-2">i</a> <img src="/brand/logo-light?v=9">';
    expect(rewrite(html)).toBe('<a href="/history/page/2/">Older</a> <a href="/sla/2026-01/" rel="prev">x</a> <a href="/history/component/api/page/2/">f</a> <a href="/incidents/3#u-2">i</a> <img src="/brand/logo-light.png?v=9">');
  });

  it('sends what the mirror does not hold, and forms that post, to the origin', () => {
    const html = '<a href="/admin">w</a> <a href="/sla?month=1999-01">old</a> <form method="post" action="/history"></form> <form method="get" action="/history"></form> <a href="//cdn.example/x">c</a>';
    expect(rewrite(html)).toBe('<a href="https://status.example.com/admin">w</a> <a href="https://status.example.com/sla?month=1999-01">old</a> <form method="post" action="https://status.example.com/history"></form> <form method="get" action="/history"></form> <a href="//cdn.example/x">c</a>');
  });
});

describe('exportUrls', () => {
  const day = 86_400_000;
  const now = Date.UTC(2026, 2, 15);
  it('holds every incident and component and each SLA month since the first component', () => {
    const urls = exportUrls({ incidentIds: [4, 9], maintenanceIds: [5], componentSlugs: ['api'], brand: { favicon: 'png' }, firstStart: now - 45 * day }, now, 'UTC');
    expect(urls).toEqual(expect.arrayContaining(['/incidents/4', '/incidents/9', '/components/api', '/components/api/badge.svg', '/sla?month=2026-01', '/sla?month=2026-03', '/maintenance/5', '/components/api/feed.atom', '/history?component=api&page=1', '/brand/favicon', '/brand.css', '/feed.json']));
    expect(urls).not.toContain('/sla?month=2025-12');
  });
  it('caps the SLA months', () => {
    const urls = exportUrls({ incidentIds: [], maintenanceIds: [], componentSlugs: [], brand: {}, firstStart: 0 }, now, 'UTC');
    expect(urls.filter((u) => u.startsWith('/sla?')).length).toBe(36);
  });
});
