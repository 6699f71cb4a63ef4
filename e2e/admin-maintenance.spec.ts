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

test('an operator can start early, extend, and complete early, confirming the completion on its own step', async ({ page }) => {
  test.setTimeout(120_000); // many page loads: generous on a loaded machine
  await signIn(page, server.baseURL);
  const start = Date.now() + 3_600_000;
  await schedule(page, 'Network work', start, start + 3_600_000);
  const row = page.locator('li[data-maintenance-id]', { hasText: 'Network work' });
  // before the start: no "Complete now", and the row links to the window's page
  await expect(row.getByRole('link', { name: 'Complete now…' })).toHaveCount(0);
  await row.getByRole('link', { name: 'Network work' }).click();
  await page.getByLabel('New end (UTC)').fill(utcInput(start - 1_800_000));
  await page.getByRole('button', { name: 'Move the end' }).click();
  await expect(page.getByRole('alert').first()).toContainText('The new end must be in the future.');

  await page.getByLabel('New end (UTC)').fill(utcInput(start + 7_200_000));
  await page.getByRole('button', { name: 'Move the end' }).click();
  await expect(page.getByText('Maintenance window extended.')).toBeVisible();
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByText('Maintenance started.')).toBeVisible();
  const pub = await page.context().newPage();
  expect(await publicStatus(pub)).toBe('under_maintenance');

  await page.getByLabel('Update (markdown)').fill('Half the **switches** done.');
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByText('Maintenance progress update posted.')).toBeVisible();
  await expect(page.locator('[data-maintenance-update]')).toContainText('Half the switches done.');

  await page.getByRole('link', { name: 'Complete now…' }).click();
  await expect(page.getByRole('heading', { name: 'Complete “Network work” now?' })).toBeVisible();
  await page.getByRole('link', { name: 'No, keep it running' }).click();
  expect(await publicStatus(pub)).toBe('under_maintenance');
  await page.getByRole('link', { name: 'Complete now…' }).click();
  await page.getByRole('button', { name: 'Yes, complete now' }).click();
  await expect(page.getByText('Maintenance completed.')).toBeVisible();
  expect(await publicStatus(pub)).toBe('operational');
  await page.goto(`${server.baseURL}/admin/maintenance`);
  await expect(row.getByTestId('maintenance-status')).toHaveText('Completed');
});

test('editing a window before it starts, and cancelling it from the confirmation step', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, server.baseURL);
  const start = Date.now() + 3_600_000;
  await schedule(page, 'Racks', start, start + 3_600_000);
  await page.locator('li[data-maintenance-id]', { hasText: 'Racks' }).getByRole('link', { name: 'Edit' }).click();
  await page.getByText('Edit title, message, window and components').click();
  await page.getByLabel('Title').fill('Racks and cables');
  await page.getByLabel('Ends (UTC)').fill(utcInput(start + 7_200_000));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Maintenance details saved.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Racks and cables');

  await page.getByRole('link', { name: 'Cancel maintenance…' }).click();
  await expect(page.getByText('This cannot be undone.')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, cancel maintenance' }).click();
  await expect(page.getByText('Maintenance cancelled.')).toBeVisible();
  await expect(page.getByTestId('no-actions')).toBeVisible();
});
