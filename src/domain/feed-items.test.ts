import { describe, expect, it } from 'vitest';
import { buildFeedItems, escapeXml, mergePostmortems, stripInvalidXml, tagAuthority, tagId, timelineHtml, type FeedIncident, type FeedPostmortem } from './feed-items';

const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 10, 0);
const SITE = 'https://status.example.com';
const AUTH = 'status.example.com,2026';
const incident = (id: number, startedAt: number, updates: [number, FeedIncident['updates'][number]['status'], number][] = [], title = `Incident ${id}`): FeedIncident => ({
  id,
  title,
  startedAt,
  updates: updates.map(([uid, status, at]) => ({ id: uid, status, displayAt: at, bodyHtml: `<p>u${uid}</p>` })),
});
const pm = (incidentId: number, publishedAt: number, source: FeedPostmortem['source'] = 'admin'): FeedPostmortem => ({ incidentId, title: `PM ${incidentId} ${source}`, html: '<p>pm</p>', publishedAt, source });

describe('buildFeedItems', () => {
  it('orders by start / publication, newest first, with stable absolute guids and links', () => {
    const items = buildFeedItems({ siteUrl: SITE, tagAuthority: AUTH, incidents: [incident(1, T), incident(2, T + H), incident(3, T - H)], postmortems: [pm(1, T + 2 * H)] });
    expect(items.map((i) => i.guid)).toEqual([`tag:${AUTH}:Incident/1/Postmortem`, `tag:${AUTH}:Incident/2`, `tag:${AUTH}:Incident/1`, `tag:${AUTH}:Incident/3`]);
    expect(items.every((i) => i.link.startsWith(`${SITE}/incidents/`))).toBe(true);
    expect(items[0].date).toBe(T + 2 * H);
  });

  it('keeps date and order when an update body is edited (only bodies change)', () => {
    const a = incident(1, T, [[1, 'investigating', T + 60_000]]);
    const b = incident(2, T + H, [[2, 'investigating', T + H]]);
    const before = buildFeedItems({ siteUrl: SITE, tagAuthority: AUTH, incidents: [a, b], postmortems: [] });
    const edited = { ...a, updates: a.updates.map((u) => ({ ...u, bodyHtml: '<p>typo fixed</p>' })) };
    const after = buildFeedItems({ siteUrl: SITE, tagAuthority: AUTH, incidents: [edited, b], postmortems: [] });
    expect(after.map((i) => [i.guid, i.date, i.updated])).toEqual(before.map((i) => [i.guid, i.date, i.updated]));
    expect(after[1].html).toContain('typo fixed');
  });

  it('uses the latest update time as updated, never earlier than the start', () => {
    const [item] = buildFeedItems({ siteUrl: SITE, tagAuthority: AUTH, incidents: [incident(1, T, [[1, 'investigating', T + 5], [2, 'resolved', T + H]])], postmortems: [] });
    expect(item).toMatchObject({ date: T, updated: T + H });
  });

  it('limits to the newest 50 and skips post-mortems of unknown incidents', () => {
    const many = Array.from({ length: 60 }, (_, k) => incident(k + 1, T + k * H));
    const items = buildFeedItems({ siteUrl: SITE, tagAuthority: AUTH, incidents: many, postmortems: [pm(999, T + 100 * H)] });
    expect(items).toHaveLength(50);
    expect(items[0].guid).toBe(`tag:${AUTH}:Incident/60`);
    expect(items.at(-1)!.guid).toBe(`tag:${AUTH}:Incident/11`);
  });
});

describe('timelineHtml', () => {
  it('lists updates newest first with status and UTC time', () => {
    const html = timelineHtml(incident(1, T, [[1, 'investigating', T], [2, 'resolved', T + H]]).updates);
    expect(html.indexOf('Resolved')).toBeLessThan(html.indexOf('Investigating'));
    expect(html).toContain('<time datetime="2026-11-20T11:00:00.000Z">Nov 20, 2026, 11:00 UTC</time>');
    expect(html.indexOf('<p>u2</p>')).toBeLessThan(html.indexOf('<p>u1</p>'));
  });
});

describe('mergePostmortems', () => {
  it('prefers the admin post-mortem and hides files published in the future', () => {
    const merged = mergePostmortems([pm(1, T)], [pm(1, T, 'file'), pm(2, T, 'file'), pm(3, T + H, 'file')], T + 1);
    expect(merged.map((p) => `${p.incidentId}:${p.source}`)).toEqual(['1:admin', '2:file']);
  });
});

describe('escaping', () => {
  it.each([
    ['<script>alert(1)</script> & "quotes"', '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'],
    ["it's", 'it&apos;s'],
    ['bell\u0007 and \uFFFE gone', 'bell and  gone'],
    ['emoji 🚀 stays', 'emoji 🚀 stays'],
  ])('%j', (input, out) => expect(escapeXml(input)).toBe(out));
  it('drops lone surrogates', () => expect(stripInvalidXml('a\uD800b')).toBe('ab'));
});

describe('maintenance items', () => {
  it('carry a tag: id, their own page and the window', () => {
    const m = { id: 4, title: 'DB upgrade', status: 'scheduled' as const, scheduledFor: T + H, scheduledUntil: T + 2 * H, createdAt: T, updatedAt: T + 5, bodyHtml: '<p>Rack A &amp; B</p>' };
    const [item] = buildFeedItems({ siteUrl: SITE, tagAuthority: AUTH, incidents: [], postmortems: [], maintenances: [m] });
    expect(item).toMatchObject({ guid: `tag:${AUTH}:Maintenance/4`, link: `${SITE}/maintenance/4`, date: T, updated: T + 5, title: 'DB upgrade' });
    expect(item.html).toContain('Rack A &amp; B');
  });
});

describe('tag: URIs (RFC 4151), one spelling for feeds and entries', () => {
  it.each<[string, number, string]>([
    ['status.example.com', Date.UTC(2026, 0, 1), 'status.example.com,2026'],
    ['status.example.com', Date.UTC(2026, 11, 31, 23, 59, 59, 999), 'status.example.com,2026'], // year by UTC, not local
    ['status.example.com', Date.UTC(2027, 0, 1), 'status.example.com,2027'],
    ['localhost', 0, 'localhost,1970'],
  ])('authority of %s at %s is %s', (host, now, expected) => {
    expect(tagAuthority(host, now)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['status.example.com,2026', 'Incident/42', 'tag:status.example.com,2026:Incident/42'],
    ['status.example.com,2026', 'Feed/feed.xml', 'tag:status.example.com,2026:Feed/feed.xml'],
  ])('%s + %s → %s', (authority, specific, expected) => {
    expect(tagId(authority, specific)).toBe(expected);
  });
});
