import { expect, test } from '@playwright/test';
import { openDatabase, type Db } from '../src/server/db';
import { SYSTEM } from '../src/server/services/actor';
import { createComponent, createGroup, setComponentStatus } from '../src/server/services/components';
import { createIncident, postUpdate } from '../src/server/services/incidents';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

let server: RunningServer;
let db: Db;
const ids: Record<string, number> = {};

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-e2e-live-');
  seedDatabase(dbPath, (d) => {
    ids.api = createComponent(d, { name: 'API', slug: 'api' }, SYSTEM, Date.now()).id;
    ids.web = createComponent(d, { name: 'Web app', slug: 'web' }, SYSTEM, Date.now()).id;
    const data = createGroup(d, { name: 'Data', collapsed: true }, SYSTEM, Date.now());
    createComponent(d, { name: 'EU database', slug: 'db-eu', groupId: data.id }, SYSTEM, Date.now());
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  // The test process writes through the services as a second process on the same file.
  db = openDatabase(dbPath, { migrate: false });
});
test.afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

test.describe.configure({ mode: 'serial' });

test('an open overview updates the row and the banner without reload within a second', async ({ page }) => {
  await page.goto(`${server.baseURL}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All Systems Operational');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const group = page.locator('details.group');
  await expect(group).not.toHaveAttribute('open', '');
  await page.getByText('Data', { exact: true }).click(); // the visitor opens a collapsed group
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'live'); // the stream is connected

  setComponentStatus(db, ids.api, 'major_outage', SYSTEM, Date.now());
  await expect(page.locator('[data-component="api"]')).toHaveAttribute('data-status', 'major_outage', { timeout: 1000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Major System Outage', { timeout: 1000 });
  // says what changed: the banner and each component whose status moved
  await expect(page.locator('#live-status')).toHaveText('Updated: Major System Outage. API: Major outage.');
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42); // no reload
  await expect(group).toHaveAttribute('open', ''); // the swap kept what the visitor opened

  setComponentStatus(db, ids.api, null, SYSTEM, Date.now());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All Systems Operational', { timeout: 1000 });
});

test('an update keeps keyboard focus where it was and announces the component that changed', async ({ page }) => {
  await page.goto(`${server.baseURL}/`);
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'live');
  // A keyboard user has reached the "Web app" link inside the updated list.
  const link = page.locator('[data-component="web"] .component-name');
  await link.focus();
  await page.evaluate(() => ((document.activeElement as HTMLElement & { marked?: boolean }).marked = true));

  setComponentStatus(db, ids.web, 'degraded_performance', SYSTEM, Date.now());
  await expect(page.locator('[data-component="web"]')).toHaveAttribute('data-status', 'degraded_performance', { timeout: 2000 });
  await expect(page.locator('#live-status')).toHaveText('Updated: Partially Degraded Service. Web app: Degraded performance.');
  // the very element keeps focus (it was patched, not replaced), so the reader's place is kept
  expect(await page.evaluate(() => (document.activeElement as HTMLElement & { marked?: boolean }).marked === true && document.activeElement?.textContent)).toBe('Web app');
  await expect(link).toBeFocused();

  setComponentStatus(db, ids.web, null, SYSTEM, Date.now());
  await expect(page.locator('[data-component="web"]')).toHaveAttribute('data-status', 'operational', { timeout: 2000 });
  await expect(link).toBeFocused();
});

test('when the stream dies the page says so, reconnects, and catches up on the change it missed', async ({ page }) => {
  await page.goto(`${server.baseURL}/`);
  await expect(page.locator('[data-component="web"]')).toHaveAttribute('data-status', 'operational');
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'live');

  const port = server.port;
  await server.stop();
  await expect(page.locator('#live-status')).toHaveText(/Live updates paused/);
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'paused');

  // Written while no server is running: only the change log can bring it to the page.
  setComponentStatus(db, ids.web, 'partial_outage', SYSTEM, Date.now());
  server = await startServer({ dbPath: server.dbPath, env: { LOG_LEVEL: 'warn', PORT: String(port) } });

  await expect(page.locator('[data-component="web"]')).toHaveAttribute('data-status', 'partial_outage', { timeout: 10_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partial System Outage');
  await expect(page.locator('#live-status')).not.toHaveAttribute('data-state', 'paused');

  // And the resumed stream keeps delivering.
  setComponentStatus(db, ids.web, null, SYSTEM, Date.now());
  await expect(page.locator('[data-component="web"]')).toHaveAttribute('data-status', 'operational', { timeout: 1000 });
});

test('an open incident page gets the new update and status in its timeline without reload', async ({ page }) => {
  const incident = createIncident(db, { title: 'Slow API', impact: 'minor', status: 'investigating', body: 'Looking into it.', components: { api: 'degraded_performance' } }, SYSTEM, Date.now());
  await page.goto(`${server.baseURL}/incidents/${incident.id}`);
  await expect(page.locator('#timeline > li')).toHaveCount(1);
  await expect(page.locator('#live-status')).toHaveAttribute('data-state', 'live');

  postUpdate(db, incident.id, { status: 'identified', body: 'A bad deploy; rolling back.' }, SYSTEM, Date.now());
  await expect(page.locator('#timeline > li')).toHaveCount(2, { timeout: 1000 });
  await expect(page.locator('#timeline')).toContainText('A bad deploy; rolling back.');
  await expect(page.getByTestId('incident-status')).toHaveText('Identified');
  await expect(page.locator('#live-status')).toHaveText('This page was updated.');

  postUpdate(db, incident.id, { status: 'resolved', body: 'Fixed.' }, SYSTEM, Date.now());
  await expect(page.getByTestId('incident-status')).toHaveText('Resolved', { timeout: 1000 });
});
