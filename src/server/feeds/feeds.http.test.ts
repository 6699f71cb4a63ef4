/** Feeds, iCal and badges from the built server, parsed with independent parsers (rss-parser, not the generators). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../domain/constants';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { NASTY_TITLE, seedScenario, TEST_ACTOR, type Scenario } from '../../testing/subscriber-scenario';
import { openDatabase } from '../db';
import { createIncident, editUpdateBody } from '../services/incidents';

const SITE = 'https://status.example.com/sub';
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const parser = new Parser();
const xml = new XMLParser({ ignoreAttributes: false });
/** Entry ids are tag: URIs minted from the host and year of the first request. */
const ID = `tag:status.example.com,${new Date().getUTCFullYear()}:`;
const isIncidentItem = (guid?: string) => guid?.startsWith(`${ID}Incident/`);

let server: RunningServer;
let sc: Scenario;
let fileIncident: number;

async function text(path: string): Promise<{ status: number; type: string; body: string; headers: Headers }> {
  const r = await fetch(server.baseURL + path);
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text(), headers: r.headers };
}

/** Raw XML with CDATA sections removed: what a naive consumer would treat as markup. */
const outsideCdata = (xml: string) => xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');

beforeAll(async () => {
  const dbPath = tempDbPath();
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    sc = seedScenario(db, now);
    // content/postmortems/2026-11-01-card-payments-declined.md belongs to incident 10
    for (let id = 3; id <= 10; id++) {
      const i = createIncident(db, { title: id === 10 ? 'Card payments declined' : `Filler ${id}`, impact: 'minor', status: 'resolved', body: 'Done.', components: {}, startedAt: now - 40 * MS_PER_DAY + id }, TEST_ACTOR, now);
      fileIncident = i.id;
    }
  });
  server = await startServer({ dbPath, env: { SITE_URL: SITE } });
});
afterAll(() => server?.stop());

describe('/feed.xml (RSS 2.0)', () => {
  it('is RSS with one item per incident and post-mortem, newest first, absolute links, RFC 822 dates', async () => {
    const r = await text('/feed.xml');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/rss\+xml/);
    const feed = await parser.parseString(r.body);
    expect(feed.link).toBe(`${SITE}/history`);
    const guids = feed.items.map((i) => i.guid).filter(isIncidentItem);
    expect(guids.slice(0, 3)).toEqual([`${ID}Incident/${sc.activeIncident}`, `${ID}Incident/${sc.resolvedIncident}/Postmortem`, `${ID}Incident/${sc.resolvedIncident}`]);
    expect(guids).toContain(`${ID}Incident/${fileIncident}/Postmortem`);
    expect(guids).toHaveLength(12); // 10 incidents + a database and a file post-mortem
    expect(feed.items.filter((i) => i.guid?.startsWith(`${ID}Maintenance/`))).toHaveLength(3);
    for (const item of feed.items) {
      expect(item.link).toMatch(new RegExp(`^${SITE}/(incidents|maintenance)/\\d+`));
      expect(item.pubDate).toMatch(RFC822);
    }
    const dates = feed.items.map((i) => Date.parse(i.isoDate!));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('keeps a hostile title as text and never emits markup from operator input', async () => {
    const r = await text('/feed.xml');
    const feed = await parser.parseString(r.body);
    const item = feed.items.find((i) => i.guid === `${ID}Incident/${sc.activeIncident}`)!;
    expect(item.title).toBe(NASTY_TITLE);
    expect(item.content).toContain('<strong>Investigating</strong>');
    expect(item.content).not.toMatch(/<script/i);
    // The sanitiser drops disallowed tags and their script content (src/server/markdown.ts), keeping the text around them.
    expect(item.content).toContain('Body with html &amp;');
    expect(item.content).not.toContain('x()');
    expect(outsideCdata(r.body)).not.toMatch(/<script|<b>/i);
  });

  it('renders the timeline newest first and the post-mortems (database and file)', async () => {
    const feed = await parser.parseString((await text('/feed.xml')).body);
    const resolved = feed.items.find((i) => i.guid === `${ID}Incident/${sc.resolvedIncident}`)!;
    expect(resolved.content!.indexOf('Resolved')).toBeLessThan(resolved.content!.indexOf('Investigating'));
    expect(resolved.content).toContain('<strong>for good</strong>');
    expect(resolved.content).toMatch(/\d{2}:\d{2} UTC/);
    const pm = feed.items.find((i) => i.guid === `${ID}Incident/${sc.resolvedIncident}/Postmortem`)!;
    expect(pm.content).toContain('<h3>Summary</h3>'); // demoted under the post-mortem's own heading
    const filePm = feed.items.find((i) => i.guid === `${ID}Incident/${fileIncident}/Postmortem`)!;
    expect(filePm.title).toBe('Post-mortem: Card payments declined');
    expect(filePm.pubDate).toBe('Sun, 01 Nov 2026 12:00:00 GMT');
  });

  it('is served at /history.rss too', async () => {
    const a = await parser.parseString((await text('/feed.xml')).body);
    const b = await parser.parseString((await text('/history.rss')).body);
    expect(b.items.map((i) => [i.guid, i.pubDate])).toEqual(a.items.map((i) => [i.guid, i.pubDate]));
  });
});

describe('/feed.atom (Atom 1.0)', () => {
  it('has the same items with RFC 3339 dates, escaped content and absolute links', async () => {
    for (const path of ['/feed.atom', '/history.atom']) {
      const r = await text(path);
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^application\/atom\+xml/);
      expect(outsideCdata(r.body)).not.toMatch(/<script|<b>|<p>/i);
      expect(xml.parse(r.body).feed.id).toBe(`${ID}Feed${path}`);
      const atom = await parser.parseString(r.body);
      const rss = await parser.parseString((await text('/feed.xml')).body);
      expect(atom.items.map((i) => i.id)).toEqual(rss.items.map((i) => i.guid));
      const nasty = atom.items.find((i) => i.id === `${ID}Incident/${sc.activeIncident}`)!;
      expect(nasty.title).toBe(NASTY_TITLE);
      expect(nasty.link).toBe(`${SITE}/incidents/${sc.activeIncident}`);
      for (const i of atom.items) expect(i.pubDate).toMatch(RFC3339);
      expect(r.body).toMatch(/<updated>\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/updated>/);
    }
  });
});

describe('one item model behind RSS, Atom and JSON Feed', () => {
  it('lists the same entries with the same ids and dates in all three; fast-xml-parser accepts both XML feeds', async () => {
    const rssBody = (await text('/feed.xml')).body;
    const atomBody = (await text('/feed.atom')).body;
    for (const body of [rssBody, atomBody]) expect(XMLValidator.validate(body)).toBe(true);
    const rss = await parser.parseString(rssBody);
    const atomEntries = [xml.parse(atomBody).feed.entry].flat();
    const j = await text('/feed.json');
    expect(j.type).toMatch(/^application\/feed\+json/);
    const json = JSON.parse(j.body);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.feed_url).toBe(`${SITE}/feed.json`);
    const ids = rss.items.map((i) => i.guid);
    expect(atomEntries.map((e: any) => e.id)).toEqual(ids);
    expect(json.items.map((i: any) => i.id)).toEqual(ids);
    // RFC 822 has whole seconds
    const secs = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const rssDates = rss.items.map((i) => secs(i.isoDate!));
    expect(json.items.map((i: any) => secs(i.date_published))).toEqual(rssDates);
    expect(atomEntries.map((e: any) => secs(e.published))).toEqual(rssDates);
    const m = json.items.find((i: any) => i.id === `${ID}Maintenance/${sc.maintenance.upcoming}`);
    expect(m.url).toBe(`${SITE}/maintenance/${sc.maintenance.upcoming}`);
  });
});

describe('per-component feed', () => {
  it('holds only that component’s incidents; unknown components are 404', async () => {
    const feed = await parser.parseString((await text('/components/api/feed.xml')).body);
    expect(feed.items.map((i) => i.guid).filter(isIncidentItem)).toEqual([`${ID}Incident/${sc.resolvedIncident}/Postmortem`, `${ID}Incident/${sc.resolvedIncident}`]);
    expect((await text('/components/nope/feed.xml')).status).toBe(404);
    const atom = await parser.parseString((await text('/components/api/feed.atom')).body);
    expect(atom.items.map((i) => i.id)).toEqual(feed.items.map((i) => i.guid));
    expect((await text('/components/nope/feed.atom')).status).toBe(404);
  });
});

describe('editing a typo', () => {
  it('changes the text but not the dates or order', async () => {
    const before = await parser.parseString((await text('/feed.xml')).body);
    const db = openDatabase(server.dbPath);
    try {
      const updateId = db.$client.prepare('SELECT id FROM incident_updates WHERE incident_id = ? ORDER BY id LIMIT 1').pluck().get(sc.resolvedIncident) as number;
      editUpdateBody(db, updateId, 'Looking into it (typo fixed).', TEST_ACTOR, Date.now());
    } finally {
      db.$client.close();
    }
    // the server notices the write through the change log; wait for that, not for a fixed time
    let body = '';
    for (const deadline = Date.now() + 10_000; !body.includes('typo fixed') && Date.now() < deadline; ) body = (await text('/feed.xml')).body;
    const after = await parser.parseString(body);
    expect(after.items.map((i) => [i.guid, i.pubDate])).toEqual(before.items.map((i) => [i.guid, i.pubDate]));
    expect(after.items.find((i) => i.guid === `${ID}Incident/${sc.resolvedIncident}`)!.content).toContain('typo fixed');
  });
});

describe('/maintenance.ics', () => {
  it('is an iCalendar with one event per upcoming, active and recent window', async () => {
    const r = await text('/maintenance.ics');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/calendar/);
    const body = r.body.replace(/\r\n[ \t]/g, '');
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = body.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(3);
    const uids = events.map((e) => /UID:(.*)\r\n/.exec(e)![1]).sort();
    expect(uids).toEqual(Object.values(sc.maintenance).map((id) => `maintenance-${id}@status.example.com`).sort());
    expect(body).toContain('SUMMARY:Maintenance: Upgrade');
    expect(body).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(body).toContain(`URL;VALUE=URI:${SITE}/maintenance`);
    expect(body).not.toContain('**');
  });
});

describe('badges', () => {
  it('shows the page status in words with an accessible title, cacheable and CORS-readable', async () => {
    const r = await text('/badge.svg');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^image\/svg\+xml/);
    expect(r.body).toMatch(/<title>[^<]*: Partial System Outage<\/title>/);
    expect(r.body).toContain('role="img"');
    expect(r.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(r.headers.get('etag')).toBeTruthy();
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('shows a component status and optional uptime', async () => {
    const web = await text('/components/web/badge.svg');
    expect(web.body).toContain('<title>Web app: Partial outage</title>');
    const withUptime = await text('/components/email/badge.svg?uptime=30');
    expect(withUptime.body).toMatch(/<title>Email: Under maintenance · (100\.00|\d{2}\.\d{2})% \(30 d\)<\/title>/);
    const missing = await text('/components/nope/badge.svg');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/^image\/svg\+xml/);
  });
});

describe('Atom entry titles are text, never markup', () => {
  const IMG_TITLE = '<img src=x onerror=alert(1)> ]]> & done';
  it('every Atom feed writes titles as type="text" that an XML parser reads back verbatim', async () => {
    const db = openDatabase(server.dbPath);
    let id = 0;
    try {
      id = createIncident(db, { title: IMG_TITLE, impact: 'minor', status: 'investigating', body: 'Looking.', components: { [sc.api]: 'degraded_performance' }, startedAt: Date.now() }, TEST_ACTOR, Date.now()).id;
    } finally {
      db.$client.close();
    }
    for (const path of ['/feed.atom', '/history.atom', '/components/api/feed.atom']) {
      let body = '';
      for (const deadline = Date.now() + 10_000; !body.includes(`Incident/${id}<`) && Date.now() < deadline; ) body = (await text(path)).body;
      expect(XMLValidator.validate(body)).toBe(true);
      const entries = [xml.parse(body).feed.entry].flat() as { id: string; title: { '#text': string; '@_type': string } }[];
      for (const e of entries) expect(e.title['@_type'], `${path} ${e.id}`).toBe('text');
      expect(entries.find((e) => e.id === `${ID}Incident/${id}`)?.title['#text']).toBe(IMG_TITLE);
      expect(entries.find((e) => e.id === `${ID}Incident/${sc.activeIncident}`)?.title['#text'] ?? NASTY_TITLE).toBe(NASTY_TITLE);
      expect(body).not.toContain('<img');
    }
  });
});
