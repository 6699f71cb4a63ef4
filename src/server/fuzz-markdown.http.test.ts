/**
 * Fuzz, markdown: generated hostile markdown (nesting, emphasis runs, long lists, tables) into every field that
 * takes markdown — incident bodies and updates, edited updates, post-mortems, maintenance messages, templates —
 * through the API and the admin forms, and as rows written before the bound. Every write is answered below 500
 * with a reason when refused; afterwards every public page answers without a 5xx, and an incident's page renders
 * in time bounded per character of its markdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './auth/sessions';
import { openDatabase, type Db } from './db';
import { cliActor } from './services/actor';
import { createComponent } from './services/components';
import { createIncident, postUpdate, savePostmortem } from './services/incidents';
import { createMaintenance } from './services/maintenance';
import { createTemplate } from './services/templates';
import { createApiKey, createUser } from './services/users';
import { hostileSamples } from '../testing/hostile-markdown';
import { routesUnder } from '../testing/http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../testing/server-harness';

const actor = cliActor('fuzz-markdown');
const SAMPLES = 10;
/** A page's first view may take this long, plus this much per character of markdown on it (linear rendering needs 5-25 µs). */
const PAGE_BASE_MS = 1500;
const PAGE_MICROS_PER_CHAR = 50;

let server: RunningServer;
let dbPath: string;
let apiKey = '';
let cookie = '';
let incidentId = 0;
let updateId = 0;
/** Incident id → characters of markdown it shows (its updates and post-mortem). */
const markdownChars = new Map<number, number>();
const maintenanceIds: number[] = [];

function onDb<T>(fn: (db: Db) => T): T {
  const db = openDatabase(dbPath);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

beforeAll(async () => {
  dbPath = tempDbPath('fuzz-markdown-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    createComponent(db, { name: 'API', slug: 'api' }, actor, now);
    apiKey = createApiKey(db, 'fuzz', actor, now).key;
    const admin = createUser(db, { email: 'fuzz@example.com', password: 'a long enough password', role: 'admin' }, actor, now);
    cookie = `sp_session=${createSession(db, admin.id, now, 3_600_000)}`;
    const inc = createIncident(db, { title: 'Target', impact: 'minor', status: 'investigating', body: 'b', components: { api: 'degraded_performance' } }, actor, now);
    incidentId = inc.id;
    updateId = postUpdate(db, inc.id, { status: 'identified', body: 'first' }, actor, now).id;
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
}, 60_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

interface Write {
  what: string;
  send: (md: string) => Promise<Response>;
  maxChars: number;
}

const json = (p: string, body: unknown) => fetch(`${server.baseURL}/api/v1${p}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const form = (p: string, body: Record<string, string>) =>
  fetch(`${server.baseURL}${p}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });

const WRITES: Write[] = [
  { what: 'API incident body', maxChars: 20_000, send: (md) => json('/incidents', { name: 'Fuzzed', impact: 'minor', status: 'investigating', body: md }) },
  { what: 'API update body', maxChars: 20_000, send: (md) => json(`/incidents/${incidentId}/updates`, { status: 'monitoring', body: md }) },
  { what: 'API maintenance message', maxChars: 20_000, send: (md) => json('/maintenances', { name: 'Fuzzed window', body: md, scheduled_for: new Date(Date.now() + 3_600_000).toISOString(), scheduled_until: new Date(Date.now() + 7_200_000).toISOString(), components: ['api'] }) },
  { what: 'form incident body', maxChars: 20_000, send: (md) => form('/admin/incidents/new', { name: 'Fuzzed form', impact: 'minor', status: 'investigating', body: md }) },
  { what: 'form update body', maxChars: 20_000, send: (md) => form(`/admin/incidents/${incidentId}`, { _action: 'update', status: 'monitoring', body: md }) },
  { what: 'form edited update', maxChars: 20_000, send: (md) => form(`/admin/incidents/${incidentId}`, { _action: 'edit', update_id: String(updateId), body: md }) },
  { what: 'form post-mortem', maxChars: 60_000, send: (md) => form(`/admin/incidents/${incidentId}`, { _action: 'postmortem', postmortem: md, publish: 'on' }) },
  { what: 'form template', maxChars: 20_000, send: (md) => form('/admin/templates', { _action: 'create', name: 'Fuzzed', title: 'Fuzzed', impact: 'minor', body: md }) },
];

/** Public routes as concrete URLs (the admin and the write API aside), parameters filled with the fuzzed rows. */
function publicUrls(): string[] {
  return routesUnder('src/pages', '')
    .map((r) => `/${r.file}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '') || '/')
    .filter((u) => !/^\/(admin|api\/v1)(\/|$)/.test(u))
    .map((u) => u.replace('[id]', String(incidentId)).replace('[slug]', 'api').replace('[...path]', 'summary.json').replace('[slot]', 'logo'));
}

describe('fuzzing every markdown field with generated hostile markdown', () => {
  it('every write through the API and the forms is answered below 500, with a reason when refused', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    let accepted = 0;
    for (const w of WRITES) {
      for (const md of hostileSamples(SAMPLES, w.maxChars)) {
        const res = await w.send(md);
        const text = await res.text();
        if (res.status >= 500) problems.push(`${w.what}: ${res.status} ${text.slice(0, 120)}`);
        else if (res.status >= 400 && !/nest at most|characters|too large|Too large/i.test(text)) problems.push(`${w.what}: ${res.status} without a reason: ${text.slice(0, 120)}`);
        else if (res.status < 400 && !/aria-invalid="true"/.test(text)) accepted++;
      }
    }
    expect(problems).toEqual([]);
    expect(accepted).toBeGreaterThan(WRITES.length * 2);
  });

  it('rows written before the bound, in every markdown column, leave every public page up in time bounded per character', { timeout: 300_000 }, async () => {
    onDb((db) => {
      const now = Date.now();
      for (const md of hostileSamples(SAMPLES, 100_000, 7)) {
        const inc = createIncident(db, { title: 'Old row', impact: 'major', status: 'investigating', body: md, components: { api: 'partial_outage' } }, actor, now);
        postUpdate(db, inc.id, { status: 'identified', body: md }, actor, now);
        savePostmortem(db, inc.id, md, true, actor, now);
        markdownChars.set(inc.id, md.length * 3);
        maintenanceIds.push(createMaintenance(db, { title: 'Old window', body: md, scheduledFor: now - 60_000, scheduledUntil: now + 3_600_000, components: ['api'] }, actor, now).id);
        createTemplate(db, { name: 'Old', title: 'Old', body: md, impact: 'minor' }, actor, now);
      }
    });
    const problems: string[] = [];
    for (const [id, chars] of markdownChars) {
      const t = performance.now();
      const res = await fetch(`${server.baseURL}/incidents/${id}`);
      await res.arrayBuffer();
      const ms = performance.now() - t;
      if (res.status !== 200) problems.push(`/incidents/${id}: ${res.status}`);
      if (ms > PAGE_BASE_MS + (chars * PAGE_MICROS_PER_CHAR) / 1000) problems.push(`/incidents/${id}: ${Math.round(ms)} ms for ${chars} characters`);
    }
    const urls = [...publicUrls(), ...maintenanceIds.map((id) => `/maintenance/${id}`)];
    expect(urls.length).toBeGreaterThan(25);
    for (const url of urls) {
      const res = await fetch(server.baseURL + url, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status >= 500) problems.push(`${url}: ${res.status}`);
    }
    for (const url of [`/admin/incidents/${[...markdownChars.keys()][0]}`, '/admin/templates', '/admin/maintenance', '/admin']) {
      const res = await fetch(server.baseURL + url, { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) problems.push(`${url} (signed in): ${res.status}`);
    }
    expect(problems).toEqual([]);
  });
});
