/**
 * Fuzz: thousands of malformed requests to every write endpoint (enumerated from src/pages/api/v1) and every
 * admin form (scraped from the admin pages, enumerated from src/pages/admin). No answer may be a 5xx, every
 * rejection must say why, and a rejected request (4xx, or a form shown again with its errors) must leave the
 * database exactly as it was. Then every route under src/pages gets broken cookies, odd methods and wrong
 * content types, anonymous and signed in: still no 5xx.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './auth/sessions';
import { createComponent, createGroup } from './services/components';
import { createIncident } from './services/incidents';
import { createMaintenance } from './services/maintenance';
import { subscribeWebhook } from './services/webhook-subscriptions';
import { addSubscriber } from './services/webhooks';
import { createApiKey, createUser } from './services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../testing/server-harness';
import { cliActor } from './services/actor';

const actor = cliActor('fuzz');
let server: RunningServer;
let reader: Database.Database;
let apiKey = '';
let session = '';
const ids = { incident: 0, component: 0, group: 0, maintenance: 0, webhook: 0 };

/** Tables whose content a rejected request must not change (sessions and sign-in attempts change by design). */
const WATCHED = ['components', 'component_groups', 'status_intervals', 'daily_rollups', 'incidents', 'incident_updates', 'incident_components', 'incident_update_components', 'maintenances', 'maintenance_components', 'incident_templates', 'monitors', 'users', 'audit_log', 'change_log', 'settings', 'webhook_subscribers'];

function snapshot(): string[] {
  return WATCHED.map((t) => {
    // The webhook worker's cursor moves in the background after earlier accepted writes, and its deliveries
    // to the seeded channels stamp their last success or first failure.
    const where = t === 'settings' ? " WHERE key <> 'webhookCursor'" : '';
    let rows = reader.prepare(`SELECT * FROM "${t}"${where} ORDER BY rowid`).all() as Record<string, unknown>[];
    if (t === 'webhook_subscribers') rows = rows.map(({ failing_since: _f, last_success_at: _l, ...rest }) => rest);
    return `${t}:${JSON.stringify(rows)}`;
  });
}

function changedTables(a: string[], b: string[]): string {
  return a.filter((x, i) => x !== b[i]).map((x) => x.slice(0, x.indexOf(':'))).join(', ');
}

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...routeFiles(p));
    else if (/\.(ts|astro)$/.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Turns a route file into a concrete URL, filling [id] with an existing row of the right kind. */
function urlOf(file: string): string {
  const rel = path.relative('src/pages', file).replace(/\.(ts|astro)$/, '').replace(/(^|\/)index$/, '');
  return (
    '/' +
    rel.replace(/\[(\w+)\]/g, (_m, _name, offset: number) => {
      const before = rel.slice(0, offset);
      if (before.includes('incidents')) return String(ids.incident);
      if (before.includes('components')) return String(ids.component);
      if (before.includes('maintenance')) return String(ids.maintenance);
      if (before.includes('groups')) return String(ids.group);
      if (before.includes('webhook')) return String(ids.webhook);
      return '1';
    })
  );
}

const HUGE = 'x'.repeat(120_000);
const DEEP = '['.repeat(5000) + ']'.repeat(5000);
const JSON_BODIES: (string | Buffer)[] = [
  '',
  '{',
  'null',
  '[]',
  '42',
  '"text"',
  DEEP,
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
  '{"name":123,"title":false,"body":[],"status":{},"impact":7}',
  '{"name":null,"title":null,"body":null,"status":null}',
  `{"name":"${HUGE}","title":"${HUGE}","body":"${HUGE}"}`,
  '{"status":"exploded","impact":"apocalyptic"}',
  '{"name":"ok","status":"major_outage","components":{"no-such-component":"major_outage"}}',
  '{"name":"ok","status":"investigating","impact":"minor","body":"b","components":{},"started_at":"yesterday"}',
  '{"name":"ok","status":"investigating","impact":"minor","body":"b","components":{},"started_at":"2999-01-01T00:00:00Z"}',
  '{"name":"m","body":"b","scheduled_for":"2030-01-02T00:00:00Z","scheduled_until":"2030-01-01T00:00:00Z","components":[]}',
  '{"name":"m","body":"b","scheduled_for":1e309,"scheduled_until":-1,"components":"all"}',
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
  '{"status":"resolved","body":"\\u0000\\ud800"}',
  '{"status":"identified","body":"b","display_at":"2999-12-31T00:00:00Z"}',
  '{"target":"ninety","start_date":"never","group_id":"abc"}',
  '{"target":101,"group_id":999999}',
];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zzz'];

beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-fuzz-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    ids.group = createGroup(db, { name: 'Core' }, actor, now).id;
    ids.component = createComponent(db, { name: 'API', slug: 'api', groupId: ids.group }, actor, now).id;
    ids.incident = createIncident(db, { title: 'Open', impact: 'minor', status: 'investigating', body: 'b', components: { api: 'degraded_performance' } }, actor, now).id;
    ids.maintenance = createMaintenance(db, { title: 'M', body: 'b', scheduledFor: now + 86_400_000, scheduledUntil: now + 90_000_000, components: ['api'] }, actor, now).id;
    // Channels to edit, enable and remove (an operator's, following one component) and a visitor's pending one.
    ids.webhook = addSubscriber(db, { url: 'https://hooks.example.com/fuzz', description: 'Fuzz channel', components: [ids.component] }, actor, now).id;
    subscribeWebhook(db, { url: 'https://hooks.example.com/visitor', email: 'visitor@example.com' }, '127.0.0.1', now);
    apiKey = createApiKey(db, 'fuzz', actor, now).key;
    const admin = createUser(db, { email: 'fuzz@example.com', password: 'a long enough password', role: 'admin' }, actor, now);
    session = createSession(db, admin.id, now, 3_600_000);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  reader = new Database(dbPath, { readonly: true });
});

afterAll(async () => {
  reader?.close();
  await server?.stop();
});

interface Outcome {
  url: string;
  method: string;
  status: number;
  note: string;
}

async function send(url: string, init: { method: string; headers: Record<string, string>; body?: string | Buffer }, rejectedMustNotWrite: (status: number, text: string) => boolean): Promise<Outcome> {
  const before = snapshot();
  const res = await fetch(server.baseURL + url, init as unknown as RequestInit);
  const text = await res.text();
  const outcome: Outcome = { url, method: init.method, status: res.status, note: '' };
  if (res.status >= 500) outcome.note = `5xx: ${text.slice(0, 200)}`;
  else if (rejectedMustNotWrite(res.status, text)) {
    const changed = changedTables(before, snapshot());
    if (changed) outcome.note = `rejected but the database changed: ${changed}`;
    else if (!text.trim()) outcome.note = 'rejected without a message';
  }
  return outcome;
}

describe('fuzzing every write endpoint and form', () => {
  it('the JSON write API never answers 5xx, explains every rejection and never half-writes', { timeout: 240_000 }, async () => {
    const urls = routeFiles('src/pages/api/v1').map(urlOf);
    expect(urls.length).toBeGreaterThan(3);
    const problems: Outcome[] = [];
    let sent = 0;
    for (const url of urls) {
      for (const method of ['POST', 'PATCH', 'PUT', 'DELETE', 'PROPFIND']) {
        for (const body of JSON_BODIES) {
          for (const type of CONTENT_TYPES) {
            const o = await send(url, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': type }, body }, (status) => status >= 400);
            sent++;
            if (o.note) problems.push(o);
          }
        }
      }
    }
    const big = await send('/api/v1/incidents', { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: 'y'.repeat(2_000_000) }, () => true);
    expect(big.status).toBe(413);
    expect(sent).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  });

  it('admin forms never answer 5xx and a rejected form changes nothing', { timeout: 240_000 }, async () => {
    const pages = routeFiles('src/pages/admin')
      .filter((f) => f.endsWith('.astro'))
      .map(urlOf);
    const headers = { cookie: `sp_session=${session}`, origin: server.baseURL };
    const forms: { action: string; fields: string[] }[] = [];
    for (const page of pages) {
      const html = await (await fetch(server.baseURL + page, { headers })).text();
      for (const m of html.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)) {
        const action = /action="([^"]*)"/.exec(m[0])?.[1] || page;
        const fields = [...m[1].matchAll(/name="([^"]+)"/g)].map((f) => f[1]);
        forms.push({ action: action.replace(/&amp;/g, '&'), fields: [...new Set(fields)] });
      }
    }
    expect(forms.length).toBeGreaterThan(5);
    const problems: Outcome[] = [];
    const variants = (fields: string[]): string[] => {
      const set = (v: string, keep = (_f: string) => false) => fields.map((f) => `${encodeURIComponent(f)}=${keep(f) ? '' : encodeURIComponent(v)}`).join('&');
      return [
        '',
        '%zz=%%&&==',
        set(''),
        set(HUGE.slice(0, 50_000)),
        set('-1'),
        set('9999999999999999999999'),
        set('2999-01-01T00:00'),
        set('not-a-date'),
        set('<script>alert(1)</script>'),
        set('\u0000\u202e\uffff'),
        fields.map((f) => `${encodeURIComponent(f)}=a&${encodeURIComponent(f)}=b`).join('&'),
      ];
    };
    for (const form of forms) {
      if (/logout/.test(form.action)) continue; // would end the session the rest of the run uses
      for (const body of variants(form.fields)) {
        const o = await send(form.action, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body }, (status, text) => status >= 400 || /class="form-error"|aria-invalid="true"/.test(text));
        if (o.note) problems.push({ ...o, note: `${o.note} (fields ${form.fields.join(',')})` });
      }
    }
    expect(problems).toEqual([]);
    // The session survived the run, so every form above was exercised signed in.
    expect((await fetch(server.baseURL + '/admin', { headers, redirect: 'manual' })).status).toBe(200);
  });

  it('every route survives broken cookies, odd methods and wrong content types without a 5xx', { timeout: 240_000 }, async () => {
    const urls = [...new Set(routeFiles('src/pages').map(urlOf))];
    expect(urls.length).toBeGreaterThan(40);
    const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1'); // raw UTF-8 bytes on the wire
    const COOKIES = [
      'sp_session=%',
      'sp_session=%zz',
      'sp_session=%E0%A4%A',
      `sp_session=${'a'.repeat(6000)}`,
      `${'x'.repeat(200)}=1; `.repeat(30),
      'sp_session=a; sp_session=b',
      `sp_session=%; sp_session=${session}`,
      `sp_session=${session}; sp_session=%`,
      'sp_session',
      '=; ==; ;;',
      utf8('sp_session=ünïcødé€; ☃=☃'),
      'sp_session=;;;',
      'sp_session="unterminated',
      `sp_session=${session}%00`,
    ];
    const METHODS = ['TRACE', 'TRACK', 'PROPFIND', 'MKCOL', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'GARBAGE', 'X-METHOD'];
    const BODIES: [string | null, string][] = [
      ['application/json', '{"a":1}'],
      ['application/json', '{'],
      ['text/plain', 'hello'],
      ['multipart/form-data; boundary=zzz', '--zzz\r\nContent-Disposition: garbage\r\n\r\nx'],
      ['multipart/form-data', 'no boundary at all'],
      ['application/x-www-form-urlencoded', '%zz=%%&&=='],
      ['application/octet-stream', '\u0000\u0001'],
      [null, ''],
      ['', 'body without a type'],
    ];
    const problems: string[] = [];
    let sent = 0;
    const check = async (method: string, url: string, headers: Record<string, string>, body?: string) => {
      const r = await raw(method, url, headers, body);
      sent++;
      if (r.status >= 500 || r.status === 0) problems.push(`${r.status} ${method} ${url} ${JSON.stringify(headers).slice(0, 120)}: ${r.text.slice(0, 160)}`);
    };
    const signedIn = { cookie: `sp_session=${session}`, origin: server.baseURL };
    for (const url of urls) {
      for (const cookie of COOKIES) await check('GET', url, { cookie });
      for (const method of METHODS) {
        await check(method, url, {});
        // logout would end the session the rest of the run uses
        if (!url.endsWith('/logout')) await check(method, url, signedIn);
      }
      for (const [type, body] of BODIES) {
        const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
        await check('POST', url, headers, body);
        await check('POST', url, { ...headers, cookie: 'sp_session=%' }, body);
        if (!url.endsWith('/logout')) await check('POST', url, { ...headers, ...signedIn }, body);
      }
    }
    expect(sent).toBeGreaterThan(2000);
    expect(problems).toEqual([]);
    expect((await fetch(server.baseURL + '/admin', { headers: signedIn, redirect: 'manual' })).status).toBe(200);
  });
});

/** One request through node:http, which (unlike fetch) sends any method and raw header bytes. */
function raw(method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(server.baseURL + url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // A refused connection or a reset counts as status 0 (a server that hangs up on a client is a failure too).
    req.on('error', (err) => resolve({ status: 0, text: String(err) }));
    req.end(body);
  });
}
