/** Chat channels in the built server: each gets its service's message, and only for the components it follows. */
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import discordSchema from '../api-schemas/chat/discord.schema.json';
import slackSchema from '../api-schemas/chat/slack.schema.json';
import { createSession } from '../auth/sessions';
import { openDatabase } from '../db';
import { createIncident } from '../services/incidents';
import { createUser } from '../services/users';

const ajv = new Ajv({ strict: false, validateFormats: false });
let server: RunningServer;
let slack: Receiver;
let discord: Receiver;
let cookie = '';
let ids = { api: 0, web: 0 };

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    const c = seedComponents(db, now);
    ids = { api: c.api, web: c.web };
    const admin = createUser(db, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, TEST_ACTOR, now);
    cookie = `sp_session=${createSession(db, admin.id, now, 3_600_000)}`;
  });
  [slack, discord] = await Promise.all([startReceiver(), startReceiver()]);
  server = await startServer({ dbPath });
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([slack?.close(), discord?.close()]);
});

const act = (action: string, fields: [string, string][]) =>
  fetch(`${server.baseURL}/admin/webhooks`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['_action', action], ...fields]).toString() });
const add = (fields: [string, string][]) => act('add', fields);

function incident(title: string, componentId: number): void {
  const db = openDatabase(server.dbPath);
  try {
    createIncident(db, { title, impact: 'major', status: 'investigating', body: 'Errors <b>rising</b> & more.', components: { [componentId]: 'partial_outage' } }, TEST_ACTOR, Date.now());
  } finally {
    db.$client.close();
  }
}

describe('chat channels', () => {
  it('refuses an unknown kind next to the field and keeps what was typed', async () => {
    const r = await add([['url', 'https://hooks.example.com/x'], ['format', 'irc'], ['description', 'Ops']]);
    expect(r.status).toBe(422);
    const html = await r.text();
    expect(html).toMatch(/id="format-error"[^>]*>Choose Statuspage JSON/);
    expect(html).toContain('value="Ops"');
  });

  it('sends each channel its own format, only for the components it follows', async () => {
    expect((await add([['url', slack.url], ['format', 'slack'], ['description', 'Slack API only'], ['components', String(ids.api)]])).status).toBe(303);
    expect((await add([['url', discord.url], ['format', 'discord'], ['description', 'Discord all']])).status).toBe(303);

    incident('Web app slow', ids.web);
    // incident + component status change, both on the web app: Discord only
    const got = await discord.waitFor(2);
    const embeds = got.map((g) => JSON.parse(g.body));
    for (const b of embeds) expect(ajv.validate(discordSchema, b), JSON.stringify(ajv.errors)).toBe(true);
    expect(embeds.find((b) => b.embeds[0].title === 'Web app slow')).toMatchObject({ embeds: [{ url: expect.stringMatching(/\/incidents\/\d+$/), description: 'Errors rising & more.' }] });

    incident('API errors', ids.api);
    // the incident and the API's status change: sent in parallel, so either may arrive first
    const s = await slack.waitFor(2);
    await discord.waitFor(3);
    for (const r of s) {
      const body = JSON.parse(r.body);
      expect(ajv.validate(slackSchema, body), JSON.stringify(ajv.errors)).toBe(true);
      expect(JSON.stringify(body)).toContain('API');
      expect(JSON.stringify(body)).not.toContain('Web app slow');
    }
    expect(s[0].headers['content-type']).toBe('application/json');
    // chat bodies carry no meta: the header and the admin's delivery list name the change's kind
    expect(s.map((r) => r.headers['x-statuspage-event'])).toContain('incident.created');
    const page = await (await fetch(`${server.baseURL}/admin/webhooks`, { headers: { cookie } })).text();
    expect(page).not.toMatch(/<td>\s*<\/td>/);
    expect(page).toContain('incident.created');

    // the operator moves the Slack channel to the web app: a bad choice is refused in place, then it follows the new one
    const slackId = (() => {
      const db = openDatabase(server.dbPath);
      try {
        return db.$client.prepare("SELECT id FROM webhook_subscribers WHERE format = 'slack'").pluck().get() as number;
      } finally {
        db.$client.close();
      }
    })();
    const bad = await act('edit', [['webhook_id', String(slackId)], ['description', 'Slack web'], ['components', '99999']]);
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/<details class="edit" open[^>]*>[\s\S]*?Choose listed components/);
    expect(badHtml).toContain('value="Slack web"');
    expect((await act('edit', [['webhook_id', String(slackId)], ['description', 'Slack web'], ['components', String(ids.web)]])).status).toBe(303);
    const before = slack.requests.length;
    incident('Web app down', ids.web);
    const got2 = await slack.waitFor(before + 1);
    expect(got2.slice(before).map((r) => JSON.stringify(JSON.parse(r.body)))).toEqual(expect.arrayContaining([expect.stringContaining('Web app down')]));
    incident('API only', ids.api);
    await vi.waitFor(() => expect(discord.requests.some((r) => r.body.includes('API only'))).toBe(true), { timeout: 10_000, interval: 25 });
    // one fan-out transaction queues every subscriber's copy of a change: none was queued for Slack
    const db = openDatabase(server.dbPath);
    try {
      expect(db.$client.prepare("SELECT COUNT(*) FROM webhook_deliveries WHERE subscriber_id = ? AND payload LIKE '%API only%'").pluck().get(slackId)).toBe(0);
    } finally {
      db.$client.close();
    }
  });
});
