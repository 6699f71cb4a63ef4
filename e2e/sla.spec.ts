import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createSession } from '../src/server/auth/sessions';
import { createUser } from '../src/server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';
import { seedSlaHistory, SLA_MONTH } from '../src/testing/sla-fixture';
import { cliActor } from '../src/server/services/actor';

let server: RunningServer;
let adminToken = '';

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-e2e-sla-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    seedSlaHistory(db, now);
    const user = createUser(db, { email: 'sla-admin@example.com', password: 'correct horse battery', role: 'admin' }, cliActor('e2e'), now);
    adminToken = createSession(db, user.id, now, 60 * 60_000);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
test.afterAll(() => server?.stop());

const row = (page: Page, slug: string) => page.locator(`tr[data-component="${slug}"]`);

test('/sla shows the seeded month: uptime, result and credit per component', async ({ page }) => {
  await page.goto(`${server.baseURL}/sla?month=${SLA_MONTH}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SLA report: September 2026');
  await expect(row(page, 'api').locator('[data-field="uptime"]')).toHaveText('99.837%');
  await expect(row(page, 'api').locator('[data-field="met"]')).toHaveText('✗ Missed');
  await expect(row(page, 'api').locator('[data-field="minutes"]')).toHaveText('43200');
  await expect(row(page, 'search').locator('[data-field="minutes"]')).toHaveText('21600');
  await expect(row(page, 'api').locator('[data-field="downtime"]')).toHaveText('70');
  await expect(row(page, 'api').locator('[data-field="maintenance"]')).toContainText('30 of 10 allowed (over allowance by 20, not counted)');
  await expect(row(page, 'api').locator('[data-field="credit"]')).toHaveText('25%');
  await expect(row(page, 'web').locator('[data-field="credit"]')).toHaveText('15%');
  await expect(row(page, 'search').locator('[data-field="met"]')).toHaveText('✓ Met');
  await expect(page.getByRole('heading', { name: 'How these figures are calculated' })).toBeVisible();
});

test('the month picker moves to another month', async ({ page }) => {
  await page.goto(`${server.baseURL}/sla?month=${SLA_MONTH}`);
  await page.getByLabel('Month', { exact: true }).fill('2026-10');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\?month=2026-10$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SLA report: October 2026');
  await expect(row(page, 'api').locator('[data-field="uptime"]')).toHaveText('99.955%');
  await page.getByRole('link', { name: '← 2026-09' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SLA report: September 2026');
});

test('the trend chart renders on its canvas', async ({ page }) => {
  await page.goto(`${server.baseURL}/sla?month=${SLA_MONTH}`);
  const canvas = page.locator('#sla-trend-canvas');
  await expect(canvas).toHaveAttribute('data-ready', '3');
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return { width: c.width, painted: n };
  });
  expect(painted.width).toBeGreaterThan(100);
  expect(painted.painted).toBeGreaterThan(1000);
});

test('/sla has no axe violations', async ({ page }) => {
  await page.goto(`${server.baseURL}/sla?month=${SLA_MONTH}`);
  await expect(page.locator('#sla-trend-canvas')).toHaveAttribute('data-ready', '3');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});

test('admin: response times, an SLA exclusion recomputes the month, axe clean', async ({ page, context }) => {
  await context.addCookies([{ name: 'sp_session', value: adminToken, url: server.baseURL }]);
  await page.goto(`${server.baseURL}/admin/sla?month=${SLA_MONTH}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SLA: September 2026');
  await expect(page.locator('tr[data-severity="Sev1"]')).toContainText('17.5 / 20');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const item = page.locator('li.exclusion', { hasText: 'API unavailable' });
  await item.getByRole('button', { name: 'Exclude from SLA' }).click();
  await expect(page.locator('li.exclusion', { hasText: 'API unavailable' }).locator('.field-error')).toHaveText('A reason is required.');
  await page.getByLabel('Reason for excluding “API unavailable”').fill('Upstream provider outage');
  await page.locator('li.exclusion', { hasText: 'API unavailable' }).getByRole('button', { name: 'Exclude from SLA' }).click();
  await expect(page.getByRole('status')).toContainText('SLA exclusion saved');
  // 60 minutes of the API's 70 are now excluded: 10 min down → 99.976 %, target met.
  await expect(row(page, 'api').locator('[data-field="downtime"]')).toHaveText('10');
  await expect(row(page, 'api').locator('[data-field="uptime"]')).toHaveText('99.976%');
});

test('admin: SLA settings keep what was typed on error and apply once saved', async ({ page, context }) => {
  await context.addCookies([{ name: 'sp_session', value: adminToken, url: server.baseURL }]);
  const bad = await page.goto(`${server.baseURL}/admin/sla?month=2026-13`);
  expect(bad?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('"month" must be a month as YYYY-MM');
  await page.goto(`${server.baseURL}/admin/sla`);
  const tiers = page.getByLabel('Credit tiers');
  await tiers.fill('99.95, 99.9');
  await page.getByLabel('Maintenance allowance (minutes a month)').fill('45');
  await page.getByRole('button', { name: 'Save SLA settings' }).click();
  await expect(page.locator('#f-credit_tiers-error')).toHaveText('Line 1: write three numbers: below, at least, credit %.');
  await expect(page.getByLabel('Credit tiers')).toHaveValue('99.95, 99.9');
  await expect(page.getByLabel('Maintenance allowance (minutes a month)')).toHaveValue('45');
  await page.getByLabel('Credit tiers').fill('99.95, 99.9, 10\n99.9, 0, 30');
  await page.getByRole('button', { name: 'Save SLA settings' }).click();
  await expect(page.getByRole('status')).toHaveText('SLA settings saved.');
  await expect(page.getByLabel('Maintenance allowance (minutes a month)')).toHaveValue('45');
  await expect(row(page, 'api').locator('[data-field="maintenance"]')).toHaveText('0 of 45 allowed');
  await expect(page.getByText('Uptime below 99.9 % and at least 0 %: 30 % credit.')).toBeVisible();
});
