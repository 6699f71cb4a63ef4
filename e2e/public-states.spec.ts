/** Mutates state, so it runs its own server; writes go through the services into the same database file. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../src/domain/constants';
import { openDatabase, type Db } from '../src/server/db';
import { type Actor, cliActor } from '../src/server/services/actor';
import { createComponent, createGroup, setComponentStatus } from '../src/server/services/components';
import { createIncident, postUpdate } from '../src/server/services/incidents';
import { completeMaintenanceNow, createMaintenance } from '../src/server/services/maintenance';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

const OPS: Actor = cliActor('e2e-states');
const SLUGS = ['ok', 'maint', 'slow', 'partial', 'down'] as const;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: RunningServer;
let db: Db;
const id: Record<string, number> = {};

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-states-');
  const now = Date.now();
  seedDatabase(dbPath, (d) => {
    const g = createGroup(d, { name: 'Everything' }, OPS, now);
    for (const slug of SLUGS) createComponent(d, { name: `Service ${slug}`, slug, groupId: g.id, startDate: now - 3 * MS_PER_DAY }, OPS, now);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  db = openDatabase(dbPath);
  for (const r of db.$client.prepare('SELECT id, slug FROM components').all() as { id: number; slug: string }[]) id[r.slug] = r.id;
});

test.afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

/** Reloads `/` until the check passes: the server notices other processes' writes within ~50 ms. */
async function showsSoon(page: Page, check: () => Promise<void>): Promise<void> {
  // Pages are sent with max-age=10; routing turns off the browser's HTTP cache so we see the server's answer.
  await page.route('**/*', (route) => route.continue());
  await expect(async () => {
    await page.goto(`${server.baseURL}/`);
    await check();
  }).toPass({ timeout: 10_000 });
}

async function expectBanner(page: Page, indicator: string, text: string): Promise<void> {
  await showsSoon(page, async () => {
    await expect(page.locator('#banner [data-indicator]')).toHaveAttribute('data-indicator', indicator, { timeout: 500 });
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text);
  await expect(page.locator('#banner svg')).toHaveCount(1);
  // Each banner colour, status colour and incident card must keep enough contrast (light and dark).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${indicator}/${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

test('the banner follows the overall state through none, maintenance, minor, major and critical', async ({ page }) => {
  await expectBanner(page, 'none', 'All Systems Operational');

  createMaintenance(db, { title: 'Router swap', body: 'Swapping routers.', scheduledFor: Date.now() - MS_PER_MINUTE, scheduledUntil: Date.now() + MS_PER_HOUR, components: ['maint'] }, OPS, Date.now());
  await expectBanner(page, 'maintenance', 'Service Under Maintenance');
  await expect(page.locator('#maintenance')).toContainText('Router swap');

  setComponentStatus(db, id.slow, 'degraded_performance', OPS, Date.now());
  await expectBanner(page, 'minor', 'Partially Degraded Service'); // Statuspage's words when only degraded performance is declared

  setComponentStatus(db, id.partial, 'partial_outage', OPS, Date.now());
  await expectBanner(page, 'major', 'Partial System Outage');

  setComponentStatus(db, id.down, 'major_outage', OPS, Date.now());
  await expectBanner(page, 'critical', 'Major System Outage');
});

test('a component in each of the five statuses shows icon and text, not colour alone', async ({ page }) => {
  await page.goto(`${server.baseURL}/`);
  const expected: Record<string, [string, string]> = {
    ok: ['operational', 'Operational'],
    maint: ['under_maintenance', 'Under maintenance'],
    slow: ['degraded_performance', 'Degraded performance'],
    partial: ['partial_outage', 'Partial outage'],
    down: ['major_outage', 'Major outage'],
  };
  const icons = new Set<string>();
  for (const [slug, [status, label]] of Object.entries(expected)) {
    const row = page.locator(`[data-component="${slug}"]`);
    await expect(row).toHaveAttribute('data-status', status);
    await expect(row.locator('.status-text')).toHaveText(label);
    icons.add((await row.locator('svg.status-icon path').getAttribute('d'))!);
    // Today's bar counts the outage time since it began.
    if (slug === 'down') await expect(row.locator('ol.bars > li').last()).toHaveAttribute('data-level', /^(minor|notable|major|critical)$/);
  }
  expect(icons.size).toBe(5); // each status has its own icon shape
  // The group is opened because something in it is not operational.
  await expect(page.locator('details.group')).toHaveAttribute('open', '');
});

test('an active incident is listed first on / with its latest update, and has its own page', async ({ page }) => {
  for (const slug of ['slow', 'partial', 'down']) setComponentStatus(db, id[slug], null, OPS, Date.now());
  const started = Date.now() - 20 * MS_PER_MINUTE;
  const inc = createIncident(db, { title: 'Checkout errors', impact: 'critical', status: 'investigating', body: 'We are **investigating** failed checkouts.', components: { partial: 'major_outage' }, startedAt: started, displayAt: started + MS_PER_MINUTE }, OPS, Date.now());
  postUpdate(db, inc.id, { status: 'identified', body: 'A bad deploy; rolling back.', displayAt: Date.now() - MS_PER_MINUTE }, OPS, Date.now());

  await showsSoon(page, async () => {
    await expect(page.locator('#incidents article.incident')).toHaveCount(1, { timeout: 500 });
  });
  const card = page.locator('#incidents article.incident');
  await expect(page.locator('#banner [data-indicator]')).toHaveAttribute('data-indicator', 'critical');
  await expect(card.getByRole('link', { name: 'Checkout errors' })).toBeVisible();
  await expect(card).toContainText('Impact: Critical');
  await expect(card.locator('.state-badge')).toHaveText('Identified');
  await expect(card.locator('.incident-components')).toContainText('Service partial');
  await expect(card.locator('.update.latest')).toContainText('A bad deploy; rolling back.');
  await expect(card.locator('.update.latest')).not.toContainText('failed checkouts');
  // Incidents come before the components on the page.
  const order = await page.evaluate(() => [document.querySelector('#incidents')!, document.querySelector('#components')!].map((e) => e.getBoundingClientRect().top));
  expect(order[0]).toBeLessThan(order[1]);
  await expect(page.locator('[data-component="partial"] .status-text')).toHaveText('Major outage');

  await card.getByRole('link', { name: 'Checkout errors' }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${inc.id}$`));
  await expect(page.locator('#timeline > li .update-head strong')).toHaveText(['Identified', 'Investigating']);
  await expect(page.locator('#timeline strong', { hasText: 'investigating' }).last()).toBeVisible();

  postUpdate(db, inc.id, { status: 'resolved', body: 'Rolled back; all good.', displayAt: Date.now() }, OPS, Date.now());
  await expectBanner(page, 'maintenance', 'Service Under Maintenance');
  await expect(page.locator('#incidents article.incident')).toHaveCount(0);
  await expect(page.locator('[data-component="partial"] .status-text')).toHaveText('Operational');

  const m = db.$client.prepare("SELECT id FROM maintenances WHERE title = 'Router swap'").get() as { id: number };
  completeMaintenanceNow(db, m.id, OPS, Date.now());
  await expectBanner(page, 'none', 'All Systems Operational');
});
