/**
 * Every operator text field holds every payload of e2e/fixtures/xss-payloads.txt; no public page, admin page,
 * feed or API response may run a script or carry an on* attribute or a javascript: URL. CSP is bypassed in
 * the browser so the test proves the sanitising, not just the Content-Security-Policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createSession } from '../src/server/auth/sessions';
import { createComponent, createGroup } from '../src/server/services/components';
import { createIncident, postUpdate, savePostmortem } from '../src/server/services/incidents';
import { createMaintenance } from '../src/server/services/maintenance';
import { createUser } from '../src/server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';
import { cliActor } from '../src/server/services/actor';

const PAYLOADS = fs
  .readFileSync(path.join(import.meta.dirname, 'fixtures/xss-payloads.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const actor = cliActor('xss');

let server: RunningServer;
let session = '';
const incidentIds: number[] = [];
const slugs: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-xss-');
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    const group = createGroup(db, { name: PAYLOADS[0] }, actor, now);
    PAYLOADS.forEach((p, i) => {
      const c = createComponent(db, { name: `C${i} ${p}`.slice(0, 200), description: p, groupId: i % 2 ? group.id : null, startDate: now - 10 * 86_400_000 }, actor, now);
      slugs.push(c.slug);
    });
    PAYLOADS.forEach((p, i) => {
      const start = now - (PAYLOADS.length - i) * 60_000 * 5;
      const inc = createIncident(db, { title: p, impact: 'minor', status: 'investigating', body: p, components: { [slugs[i]]: 'degraded_performance' }, startedAt: start, displayAt: start }, actor, now);
      if (i % 2 === 0) postUpdate(db, inc.id, { status: 'resolved', body: `Resolved: ${p}`, displayAt: start + 60_000 }, actor, now);
      savePostmortem(db, inc.id, p, true, actor, now);
      incidentIds.push(inc.id);
    });
    PAYLOADS.forEach((p, i) => {
      createMaintenance(db, { title: p, body: p, scheduledFor: now + (i + 1) * 3_600_000, scheduledUntil: now + (i + 2) * 3_600_000, components: [slugs[i]] }, actor, now);
    });
    const admin = createUser(db, { email: 'xss@example.com', password: 'a long enough password', role: 'admin' }, actor, now);
    session = createSession(db, admin.id, now, 3_600_000);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Finds script-capable markup in the current document (or in an HTML fragment). */
async function findDanger(page: Page, html?: string): Promise<string[]> {
  return page.evaluate((fragment) => {
    const root = fragment === undefined ? document : new DOMParser().parseFromString(fragment, 'text/html');
    const out: string[] = [];
    const origin = location.origin;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        // eslint-disable-next-line no-control-regex -- browsers ignore control characters inside a URL scheme
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.startsWith('on')) out.push(`${el.tagName} ${name}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'srcdoc'].includes(name) && /^(javascript|vbscript|data):/.test(value)) out.push(`${el.tagName} ${name}=${value}`);
        if (name === 'style' && /(expression|javascript|url\()/.test(value)) out.push(`${el.tagName} style`);
      }
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'base', 'meta'].includes(tag) && !(tag === 'meta' && !el.getAttribute('http-equiv'))) out.push(`<${tag}>`);
      if (tag === 'script') {
        const src = el.getAttribute('src');
        const type = el.getAttribute('type');
        const ours = src !== null && (src.startsWith('/js/') || src.startsWith('/_astro/') || src.startsWith(origin));
        if (!ours && type !== 'application/json') out.push(`<script ${src ?? 'inline'}>`);
      }
    }
    return out;
  }, html);
}

async function visit(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBeLessThan(500);
  await page.waitForLoadState('load');
  const pwned = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
  expect(pwned, `a payload ran on ${url}`).toBeUndefined();
  expect(await findDanger(page), `dangerous markup on ${url}`).toEqual([]);
}

test('public pages never run or carry a payload', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ bypassCSP: true, baseURL: server.baseURL });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`dialog opened: ${d.message()}`);
  });
  for (const url of ['/', '/history', '/history?page=2', '/maintenance', '/sla']) await visit(page, url);
  for (const id of incidentIds) await visit(page, `/incidents/${id}`);
  for (const slug of slugs.slice(0, 30)) await visit(page, `/components/${slug}`);
  await context.close();
});

test('admin pages never run or carry a payload', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ bypassCSP: true, baseURL: server.baseURL });
  await context.addCookies([{ name: 'sp_session', value: session, url: server.baseURL }]);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`dialog opened: ${d.message()}`);
  });
  for (const url of ['/admin', '/admin/components', '/admin/maintenance', '/admin/audit']) await visit(page, url);
  for (const id of incidentIds.slice(0, 40)) await visit(page, `/admin/incidents/${id}`);
  await context.close();
});

test('feeds and the JSON API carry only sanitised HTML', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: server.baseURL, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto('/favicon.svg');
  // The site feeds hold the 50 newest items; the per-component feeds reach every payload.
  for (const feed of ['/feed.xml', '/feed.atom', ...slugs.map((s) => `/components/${s}/feed.xml`)]) {
    const res = await request.get(server.baseURL + feed);
    expect(res.status(), feed).toBe(200);
    const xml = await res.text();
    const fragments = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return null;
      return Array.from(doc.querySelectorAll('item > description, entry > content, entry > summary')).map((n) => n.textContent ?? '');
    }, xml);
    expect(fragments, `${feed} is well-formed XML`).not.toBeNull();
    expect(fragments!.length).toBeGreaterThan(0);
    for (const html of fragments!) expect(await findDanger(page, html), `${feed}: ${html.slice(0, 80)}`).toEqual([]);
  }
  for (const api of ['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json']) {
    const res = await request.get(server.baseURL + api);
    expect(res.status(), api).toBe(200);
    expect(res.headers()['content-type']).toContain('application/json');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    JSON.parse(await res.text());
  }
  await context.close();
});
