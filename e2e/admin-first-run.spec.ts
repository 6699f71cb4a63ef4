import { expect, test } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { signIn, startAdminServer } from './support/admin';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startAdminServer();
});
test.afterAll(() => server.stop());

test('the first-run checklist leads a new admin to a public page with a component', async ({ page }) => {
  await signIn(page, server.baseURL);
  const checklist = page.getByRole('region', { name: 'Set up your status page' });
  await expect(checklist.getByRole('listitem')).toHaveText(['Name your page', 'Add your first components', 'Invite a colleague', 'Add a first monitor']);
  await checklist.getByRole('link', { name: 'Add your first components' }).click();
  await expect(page).toHaveURL(/\/admin\/components#h-add$/);
  await page.getByLabel('Name', { exact: true }).fill('Checkout API');
  await page.getByRole('button', { name: 'Add component' }).click();
  await expect(page.getByText('Component added.')).toBeVisible();

  await page.goto(`${server.baseURL}/admin`);
  await expect(checklist.locator('[data-step="components"]')).toContainText('(done)');
  await expect(checklist.getByRole('link', { name: 'Add your first components' })).toHaveCount(0);
  await page.goto(`${server.baseURL}/`);
  await expect(page.locator('li.component')).toHaveCount(1);
  await expect(page.locator('li.component')).toContainText('Checkout API');
});
