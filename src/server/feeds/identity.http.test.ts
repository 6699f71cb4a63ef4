/** Public identities survive a new SITE_URL; timestamps follow the reporting zone; the calendar reads right in two parsers. */
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../../domain/constants';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { putSetting } from '../queries/settings';
import { createIncident } from '../services/incidents';
import { createMaintenance, extendMaintenance } from '../services/maintenance';

const parser = new Parser();
let dbPath: string;
let maintenanceId: number;

interface Ids {
  pageId: string;
  feedIds: string[];
  atomId: string;
  uids: string[];
}

async function readIds(server: RunningServer): Promise<Ids> {
  const get = async (p: string) => (await fetch(server.baseURL + p)).text();
  const summary = JSON.parse(await get('/api/v2/summary.json'));
  const rss = await parser.parseString(await get('/feed.xml'));
  const atom = await get('/feed.atom');
  const ics = nodeIcal.sync.parseICS(await get('/maintenance.ics'));
  return {
    pageId: summary.page.id,
    feedIds: rss.items.map((i) => i.guid!),
    atomId: /<id>([^<]+)<\/id>/.exec(atom)![1],
    uids: Object.values(ics).filter((c) => c?.type === 'VEVENT').map((e) => (e as { uid: string }).uid).sort(),
  };
}

beforeAll(() => {
  dbPath = tempDbPath();
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    const c = seedComponents(db, now);
    createIncident(db, { title: 'Slow API', impact: 'minor', status: 'investigating', body: 'Looking.', components: { [c.api]: 'degraded_performance' }, startedAt: now - MS_PER_HOUR }, TEST_ACTOR, now);
    maintenanceId = createMaintenance(db, { title: 'Racks', body: 'Rack A & B <move>', scheduledFor: now + MS_PER_DAY, scheduledUntil: now + MS_PER_DAY + MS_PER_HOUR, components: [c.lone] }, TEST_ACTOR, now).id;
    extendMaintenance(db, maintenanceId, now + MS_PER_DAY + 2 * MS_PER_HOUR, TEST_ACTOR, now + 1);
    putSetting(db, 'slaTimeZone', 'America/New_York');
  });
});

describe('a new SITE_URL', () => {
  let before: Ids;
  let after: Ids;
  beforeAll(async () => {
    const a = await startServer({ dbPath, env: { SITE_URL: 'https://status.old.example' } });
    before = await readIds(a);
    await a.stop();
    const b = await startServer({ dbPath, env: { SITE_URL: 'https://status.new.example' } });
    after = await readIds(b);
    await b.stop();
  });

  it('keeps the page id, feed ids and calendar UIDs', () => {
    expect(before.pageId).toMatch(/^[a-z0-9]{12}$/);
    expect(before.feedIds.length).toBeGreaterThan(0);
    expect(before.feedIds.every((id) => id.startsWith('tag:status.old.example,'))).toBe(true);
    expect(before.uids).toHaveLength(1);
    expect(after).toEqual(before);
  });
});

describe('reporting time zone and calendar', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ dbPath, env: { SITE_URL: 'https://status.example.com' } });
  });
  afterAll(() => server?.stop());

  it('gives page.time_zone and offsets of the zone; a degraded-only page is "Partially Degraded Service"', async () => {
    const s = await (await fetch(`${server.baseURL}/api/v2/summary.json`)).json();
    expect(s.page.time_zone).toBe('America/New_York');
    expect(s.page.updated_at).toMatch(/-0[45]:00$/);
    expect(s.incidents[0].created_at).toMatch(/-0[45]:00$/);
    expect(s.components.every((c: { updated_at: string }) => /-0[45]:00$/.test(c.updated_at))).toBe(true);
    expect(s.status.indicator).toBe('minor');
  });

  it('is read alike by ical.js and node-ical: decoded plain text, a SEQUENCE that counts changes, its own URL', async () => {
    const body = await (await fetch(`${server.baseURL}/maintenance.ics`)).text();
    const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
    const description = String(vevent.getFirstPropertyValue('description'));
    expect(description).toContain('Rack A & B');
    expect(description).not.toContain('&amp;');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    const parsed = Object.values(nodeIcal.sync.parseICS(body)).find((c) => c?.type === 'VEVENT') as unknown as { description: string; sequence: string };
    expect(parsed.description).toBe(description);
    expect(Number(parsed.sequence)).toBe(1);
    expect(body).toContain(`/maintenance/${maintenanceId}`);
  });
});
