import { expect, test, type Page } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { createComponent } from '../src/server/services/components';
import { signIn, startAdminServer } from './support/admin';
import { cliActor } from '../src/server/services/actor';

let server: RunningServer;
test.beforeEach(async () => {
  server = await startAdminServer((db) => createComponent(db, { name: 'EU database', slug: 'db-eu' }, cliActor('seed'), Date.now()));
});
test.afterEach(() => server.stop());

/** A datetime-local value in UTC with seconds. */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 19);

async function schedule(page: Page, title: string, from: number, until: number): Promise<void> {
  await page.goto(`${server.baseURL}/admin/maintenance`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Message (markdown)').fill('Upgrading the **EU database**.');
  await page.getByLabel('Starts (UTC)').fill(utcInput(from));
  await page.getByLabel('Ends (UTC)').fill(utcInput(until));
  await page.getByRole('checkbox', { name: 'EU database' }).check();
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByText('Maintenance scheduled.')).toBeVisible();
}

/** The component's status on the public page, fetched outside the browser cache (the page is max-age=10). */
const publicStatus = async (page: Page) => {
  const html = await (await page.request.get(`${server.baseURL}/`)).text();
  return /data-component="db-eu" data-status="([a-z_]+)"/.exec(html)?.[1];
};

test('a window starts and ends by the clock, with no one pressing a button', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, server.baseURL);
  const start = Date.now() + 5_000;
  await schedule(page, 'Database upgrade', start, start + 5_000);
  const row = page.locator('li[data-maintenance-id]', { hasText: 'Database upgrade' });
  await expect(row.getByTestId('maintenance-status')).toHaveText('Scheduled');

  const pub = await browser.newPage();
  expect(await publicStatus(pub)).toBe('operational');
  await expect.poll(() => publicStatus(pub), { timeout: 15_000, intervals: [500] }).toBe('under_maintenance');
  expect(await (await pub.request.get(`${server.baseURL}/`)).text()).toContain('Database upgrade');
  await page.reload();
  await expect(row.getByTestId('maintenance-status')).toHaveText('In progress');

  await expect.poll(() => publicStatus(pub), { timeout: 15_000, intervals: [500] }).toBe('operational');
  await page.reload();
  await expect(row.getByTestId('maintenance-status')).toHaveText('Completed');
  await pub.close();
});

test('an operator can start early, extend, and complete early', async ({ page }) => {
  await signIn(page, server.baseURL);
  const start = Date.now() + 3_600_000;
  await schedule(page, 'Network work', start, start + 3_600_000);
  const row = page.locator('li[data-maintenance-id]', { hasText: 'Network work' });
  await row.getByLabel('New end (UTC)').fill(utcInput(start - 1_800_000));
  await row.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByRole('alert').first()).toContainText('The new end must be in the future.');

  await row.getByLabel('New end (UTC)').fill(utcInput(start + 7_200_000));
  await row.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByText('Maintenance window extended.')).toBeVisible();
  await row.getByRole('button', { name: 'Start now' }).click();
  await expect(row.getByTestId('maintenance-status')).toHaveText('In progress');
  const pub = await page.context().newPage();
  expect(await publicStatus(pub)).toBe('under_maintenance');
  await row.getByRole('button', { name: 'Complete now' }).click();
  await expect(row.getByTestId('maintenance-status')).toHaveText('Completed');
  expect(await publicStatus(pub)).toBe('operational');
});
