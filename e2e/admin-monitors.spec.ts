import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { createSession } from '../src/server/auth/sessions';
import { SYSTEM } from '../src/server/services/actor';
import { monitors } from '../db/schema';
import { createComponent } from '../src/server/services/components';
import { recordCheck } from '../src/server/services/monitoring';
import { createMonitor } from '../src/server/services/monitors';
import { createUser } from '../src/server/services/users';
import { startHttpTarget, type HttpTarget } from '../src/testing/monitor-targets';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

let server: RunningServer;
let target: HttpTarget;
let token = '';

test.beforeAll(async () => {
  target = await startHttpTarget();
  const dbPath = tempDbPath('statuspage-e2e-monitors-');
  seedDatabase(dbPath, (db) => {
    createComponent(db, { name: 'API', slug: 'api' }, SYSTEM, Date.now());
    // A paused monitor that already took "Billing" down and opened a draft incident.
    const billing = createComponent(db, { name: 'Billing', slug: 'billing' }, SYSTEM, Date.now());
    const m = createMonitor(db, { componentId: billing.id, name: 'Billing health', type: 'http', config: { url: 'http://127.0.0.1:9/' }, failThreshold: 1 }, SYSTEM, Date.now());
    recordCheck(db, m.id, { at: Date.now(), ok: false, latencyMs: 1, statusCode: null, error: 'ECONNREFUSED', certExpiresAt: null }, Date.now());
    db.update(monitors).set({ paused: true }).run();
    const u = createUser(db, { email: 'ops@example.com', password: 'correct horse battery', role: 'admin' }, SYSTEM, Date.now());
    token = createSession(db, u.id, Date.now(), 3_600_000);
  });
  // The runner starts with the server: MONITORS is on.
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', MONITORS: 'on' } });
});
test.afterAll(async () => {
  await server?.stop();
  await target?.close();
});

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: 'sp_session', value: token, url: server.baseURL }]);
});

test('an operator adds a monitor, tests it, sees results and the verdict, pauses and deletes it', async ({ page }) => {
  await page.goto(`${server.baseURL}/admin/monitors`);
  await page.getByRole('link', { name: 'Add a monitor' }).click();
  await page.getByLabel('Name').fill('Health endpoint');
  await page.getByLabel('URL').fill('not a url');
  await page.getByLabel('Interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Create monitor' }).click();

  // Errors next to the fields, what was typed is kept.
  await expect(page.locator('.form-error')).toHaveText('Please correct the monitor settings.');
  await expect(page.locator('#f-url-error')).toHaveText('Enter an http:// or https:// URL.');
  await expect(page.locator('#f-interval_s-error')).toHaveText('Use 10–86400 seconds.');
  await expect(page.getByLabel('Name')).toHaveValue('Health endpoint');

  await page.getByLabel('URL').fill(target.url);
  await page.getByLabel('Interval (seconds)').fill('10');
  await page.getByLabel('Timeout (ms)').fill('2000');
  await page.getByLabel('Keyword in the body (optional)').fill('systems go');
  await page.getByRole('button', { name: 'Create monitor' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health endpoint');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.getByRole('button', { name: 'Test now' }).click();
  await expect(page.locator('#test-result')).toContainText('Test result: success');
  await expect(page.locator('#test-result')).toContainText('"status_code": 200');

  target.mode = 'down';
  await page.getByRole('button', { name: 'Test now' }).click();
  await expect(page.locator('#test-result')).toContainText('Test result: failure');
  await expect(page.locator('#test-result')).toContainText('status 503 outside 200-399');
  target.mode = 'up';

  // The in-server runner notices the new monitor within 5 s and checks it within 5 s more.
  await expect(async () => {
    await page.goto(page.url().split('?')[0]);
    await expect(page.locator('#recent-results tbody tr')).not.toHaveCount(0);
  }).toPass({ timeout: 15_000 });
  await expect(page.locator('#recent-results tbody tr').first()).toContainText('OK');
  await expect(page.locator('#monitor-verdict')).toHaveText('Up');
  await expect(page.locator('#component-monitor-status')).toHaveText('Operational');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('#monitor-verdict')).toHaveText('Paused');
  await expect(page.locator('#component-monitor-status')).toHaveText('No active monitor');

  await page.goto(`${server.baseURL}/admin/monitors`);
  await expect(page.locator('#monitor-list')).toContainText('Health endpoint');
  await page.getByRole('link', { name: 'Health endpoint' }).click();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Delete monitor' }).click();
  await expect(page.getByText('The monitor was deleted.')).toBeVisible();
  await expect(page.locator('#monitor-list')).not.toContainText('Health endpoint');
});

test('a draft incident opened by a monitor is published with one click', async ({ page }) => {
  await page.goto(`${server.baseURL}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Major System Outage');
  await expect(page.getByText('Billing is down')).toHaveCount(0); // the draft is not public

  await page.goto(`${server.baseURL}/admin/monitors`);
  await page.getByRole('link', { name: 'Billing health' }).click();
  await expect(page.locator('#monitor-verdict')).toHaveText('Paused');
  await expect(page.getByText('Draft incident “Billing is down”')).toBeVisible();
  await page.getByRole('button', { name: 'Publish incident' }).click();
  await expect(page.getByText('The incident is published.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish incident' })).toHaveCount(0);

  await page.goto(`${server.baseURL}/`);
  await expect(page.getByRole('link', { name: 'Billing is down' })).toBeVisible();
});
