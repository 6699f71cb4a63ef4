import { expect, test } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { cliActor } from '../src/server/services/actor';
import { createComponent } from '../src/server/services/components';
import { createTemplate } from '../src/server/services/templates';
import { signIn, startAdminServer } from './support/admin';

let server: RunningServer;
test.beforeEach(async () => {
  server = await startAdminServer((db) => {
    const seed = cliActor('seed');
    const api = createComponent(db, { name: 'API', slug: 'api' }, seed, Date.now());
    createComponent(db, { name: 'Dashboard', slug: 'dashboard' }, seed, Date.now());
    createTemplate(db, { name: 'API outage', title: 'API unavailable', body: 'Requests to the API fail.', impact: 'critical', status: 'identified', components: { [api.id]: 'major_outage' }, notify: false }, seed, Date.now());
  });
});
test.afterEach(() => server.stop());

test('a template applies without a reload, keeping what the operator typed', async ({ page }) => {
  test.setTimeout(120_000); // generous on a loaded machine
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Title').fill('Payments API down in EU');
  // a marker on the window survives only if the page is not reloaded
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByLabel('Start from a template').selectOption({ label: 'API outage' });
  await page.getByRole('button', { name: 'Use template' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Template “API outage” applied.' })).toContainText('Kept what you typed in: Title.');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(page.url()).toBe(`${server.baseURL}/admin/incidents/new`);
  await expect(page.getByLabel('Title')).toHaveValue('Payments API down in EU');
  await expect(page.getByLabel('Message (markdown)')).toHaveValue('Requests to the API fail.');
  await expect(page.getByLabel('Impact')).toHaveValue('critical');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('identified');
  await expect(page.getByLabel(/^API/)).toHaveValue('major_outage');
  await expect(page.getByLabel(/^Dashboard/)).toHaveValue('');
  await expect(page.getByLabel('Notify subscribers (e-mail)')).not.toBeChecked();

  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.getByText('Incident declared.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments API down in EU');
});

test('without JavaScript the picker reloads the page with the whole template filled in', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByRole('button', { name: 'Use template' }).click();
  await expect(page).toHaveURL(/\?template=1$/);
  await expect(page.getByLabel('Title')).toHaveValue('API unavailable');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('identified');
  await expect(page.getByLabel(/^API/)).toHaveValue('major_outage');
  await context.close();
});
