import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openDatabase } from '../src/server/db';
import { seedDemo } from '../src/server/seed/demo';
import { createIncident } from '../src/server/services/incidents';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';
import { startNginx, type Nginx } from './support/nginx';
import { cliActor } from '../src/server/services/actor';

// The demo served live and, exported, by nginx: the mirror must read the same without the server.
test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let nginx: Nginx;
let out: string;
let incidentPath: string;

const WIDGET = path.resolve('node_modules/@statuspage/status-widget/dist/index.js');

/** The export names the live server as its origin (SITE_URL): what the mirror cannot answer goes there. */
function exportMirror(dbPath: string): void {
  execFileSync(process.execPath, ['dist/cli/export.mjs', out], { env: { ...process.env, DATABASE_PATH: dbPath, SITE_URL: server.baseURL, MONITORS: 'off' }, stdio: 'pipe' });
}

/** The visible text of <main>, without the live-update line and the mirror banner. */
async function mainText(page: Page): Promise<string> {
  return page.locator('main').evaluate((m) => {
    const copy = m.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('#live-status, #mirror-banner').forEach((e) => e.remove());
    document.body.appendChild(copy);
    const text = copy.innerText;
    copy.remove();
    return text.replace(/\s+/g, ' ').trim();
  });
}

test.beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-mirror-e2e-'));
  const dbPath = tempDbPath('statuspage-mirror-');
  seedDatabase(dbPath, (db) => seedDemo(db, Date.now(), false));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  exportMirror(dbPath);
  nginx = await startNginx(out);
  const files = JSON.parse(fs.readFileSync(path.join(out, 'mirror.json'), 'utf8')).files as string[];
  incidentPath = '/' + files.find((f) => /^incidents\/\d+\/index\.html$/.test(f))!.replace(/\/index\.html$/, '');
});

test.afterAll(async () => {
  await nginx?.stop();
  await server?.stop();
  if (server) fs.rmSync(path.dirname(server.dbPath), { recursive: true, force: true });
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

for (const which of ['/', 'incident', '/history'] as const) {
  test(`${which} on the mirror reads like the live page, with the banner and links that stay on the mirror`, async ({ page, request }) => {
    const url = which === 'incident' ? incidentPath : which;
    await page.goto(server.baseURL + url);
    const live = await mainText(page);
    await expect(page.locator('#mirror-banner')).toHaveCount(0);

    await page.goto(nginx.baseURL + url);
    await expect(page.locator('#mirror-banner')).toContainText(/^This is a mirror, updated .+\.$/);
    expect(await mainText(page)).toBe(live);

    // Every link, stylesheet, script and image is on the mirror, and there.
    const named = await page.locator('a[href], link[rel="stylesheet"], link[rel="icon"], script[src], img[src]').evaluateAll((es) =>
      es.map((e) => ({ tag: e.tagName, url: (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src })),
    );
    const here = new URL(page.url()).pathname;
    const targets = [...new Map(named.map((n) => [n.url, n])).values()].filter((n) => { const u = new URL(n.url); return u.hash === '' || u.pathname !== here; });
    expect(targets.length).toBeGreaterThan(10);
    for (const { tag, url: href } of targets) {
      expect(new URL(href).origin, `${tag} ${href}`).toBe(nginx.baseURL);
      expect((await request.get(href)).status(), href).toBe(200);
    }
  });
}

test("the mirror's subscribe page sends visitors to the live site's", async ({ page }) => {
  await page.goto(nginx.baseURL + '/');
  await page.locator('footer').getByRole('link', { name: 'Webhook', exact: true }).click();
  await expect(page).toHaveURL(nginx.baseURL + '/subscribe');
  await expect(page.locator('#mirror-subscribe')).toContainText('Subscribing needs the live site.');
  await expect(page.locator('main form')).toHaveCount(0);
  await page.locator('#mirror-subscribe').getByRole('link', { name: /\/subscribe$/ }).click();
  await expect(page).toHaveURL(server.baseURL + '/subscribe');
  await expect(page.getByRole('heading', { name: 'Subscribe to updates' })).toBeVisible();
  await expect(page.locator('main form')).toHaveCount(1);
});

test('history pages beyond the first are on the mirror under their own path', async ({ page }) => {
  await page.goto(nginx.baseURL + '/history');
  // The demo has twelve past incidents and an active one: two pages of ten.
  const older = page.getByRole('link', { name: 'Older →' });
  await expect(older).toHaveCount(1);
  await older.click();
  await expect(page).toHaveURL(/\/history\/page\/2\/$/);
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('Page 2 of');
});

test('the history filter and the SLA month field find their pages on the mirror', async ({ page }) => {
  await page.goto(server.baseURL + '/history?component=api');
  const live = await mainText(page);
  await page.goto(nginx.baseURL + '/history');
  await expect(page.locator('#mirror-banner')).toBeVisible();
  await page.getByLabel('Component').selectOption('api');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/history\/component\/api\/$/);
  expect(await mainText(page)).toBe(live);

  await page.goto(nginx.baseURL + '/sla');
  await expect(page.locator('#mirror-banner')).toBeVisible();
  const months = JSON.parse(fs.readFileSync(path.join(out, 'mirror.json'), 'utf8')).files.filter((f: string) => /^sla\/\d{4}-\d{2}\/index\.html$/.test(f)).sort();
  const first = months[0].slice(4, 11);
  await page.getByRole('textbox', { name: 'Month' }).fill(first);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`/sla/${first}/$`));
  await expect(page.locator('h1')).toContainText('SLA report');
  await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
});

// The embedding site is a second nginx on loopback: cross-origin, so the mirror must answer with CORS.
test("the Statuspage widget on another site reads the mirror's summary.json", async ({ page, request }) => {
  const summary = await (await request.get(nginx.baseURL + '/api/v2/summary.json')).json();
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-widget-site-'));
  fs.copyFileSync(WIDGET, path.join(site, 'widget.js'));
  // The bundle assigns an undeclared global in strict mode (declared here, as its demo page's polyfills do).
  fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><title>Embedding site</title><script>var parcelRequire;</script><script src="/widget.js"></script><statuspage-widget src="${nginx.baseURL}"></statuspage-widget>`);
  const other = await startNginx(site);
  try {
    await page.goto(other.baseURL + '/');
    await expect(page.locator('statuspage-widget .status-text')).toHaveText(summary.status.description);
  } finally {
    await other.stop();
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('without the stream the mirror polls summary.json and shows a new export in place', async ({ page }) => {
  await page.addInitScript(() => ((window as unknown as { STATUS_MIRROR_POLL_MS: number }).STATUS_MIRROR_POLL_MS = 200));
  await page.goto(nginx.baseURL + '/');
  await expect(page.locator('#live-status')).toHaveText('Checking for updates every minute.');
  const db = openDatabase(server.dbPath);
  try {
    createIncident(db, { title: 'Seen on the mirror', impact: 'major', status: 'investigating', body: 'Looking.', components: {} }, cliActor('e2e'), Date.now());
  } finally {
    db.$client.close();
  }
  exportMirror(server.dbPath);
  await expect(page.locator('#incidents')).toContainText('Seen on the mirror');
  await expect(page.locator('#live-status')).toHaveText(/updated/i);
});
