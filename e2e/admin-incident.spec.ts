import { expect, test, type Page } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { createComponent } from '../src/server/services/components';
import { signIn, startAdminServer } from './support/admin';
import { cliActor } from '../src/server/services/actor';

let server: RunningServer;
const SEED = cliActor('seed');
test.beforeEach(async () => {
  server = await startAdminServer((db) => {
    createComponent(db, { name: 'API', slug: 'api' }, SEED, Date.now());
    createComponent(db, { name: 'Dashboard', slug: 'dashboard' }, SEED, Date.now());
  });
});
test.afterEach(() => server.stop());

async function postUpdate(page: Page, status: string, message: string, api?: string): Promise<void> {
  await page.getByLabel('Status', { exact: true }).selectOption({ label: status });
  await page.getByLabel('Message (markdown)').fill(message);
  if (api) await page.getByLabel(/^API/).selectOption({ label: api });
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByText('Incident update posted.')).toBeVisible();
}

async function expectPublic(page: Page, id: string, status: string, apiStatus: string, text: string): Promise<void> {
  const pub = await page.context().newPage();
  // reload() revalidates: public pages carry max-age=10 and the browser would otherwise reuse its copy.
  await pub.goto(`${server.baseURL}/incidents/${id}`);
  await pub.reload();
  await expect(pub.getByTestId('incident-status')).toHaveText(status);
  await expect(pub.locator('#timeline li').first()).toContainText(text);
  await pub.goto(`${server.baseURL}/`);
  await pub.reload();
  await expect(pub.locator('[data-component="api"]')).toHaveAttribute('data-status', apiStatus);
  await pub.close();
}

test('full lifecycle: declare → identified → monitoring → resolved → post-mortem, checked publicly at each step', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, server.baseURL);
  await page.getByRole('link', { name: 'Declare an incident' }).click();
  await page.getByLabel('Title').fill('API errors in EU');
  await page.getByLabel('Impact').selectOption('major');
  await page.getByLabel('Message (markdown)').fill('We are **investigating** elevated errors.');
  // The live preview is rendered by the server's sanitiser.
  await expect(page.locator('#f-body-preview strong')).toHaveText('investigating');
  await page.getByLabel(/^API/).selectOption('partial_outage');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page).toHaveURL(/\/admin\/incidents\/\d+\?ok=incident-declared/);
  const id = /incidents\/(\d+)/.exec(page.url())![1];
  await expectPublic(page, id, 'Investigating', 'partial_outage', 'We are investigating elevated errors.');

  // The update form preselects nothing (issue 25): it shows the current status beside an "Unchanged" choice.
  await expect(page.getByLabel(/^API/)).toHaveValue('');
  await expect(page.locator('label[for="f-component_1"]')).toContainText('(now: Partial outage)');
  await postUpdate(page, 'Identified', 'A bad deploy; rolling back.', 'Major outage');
  await expectPublic(page, id, 'Identified', 'major_outage', 'A bad deploy; rolling back.');
  await postUpdate(page, 'Monitoring', 'Rolled back, watching error rates.', 'Degraded performance');
  await expectPublic(page, id, 'Monitoring', 'degraded_performance', 'Rolled back, watching error rates.');
  await postUpdate(page, 'Resolved', 'All clear.');
  await expectPublic(page, id, 'Resolved', 'operational', 'All clear.');

  await page.getByLabel('Post-mortem (markdown)').fill('## Root cause\nA config flag flipped.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Post-mortem draft saved: not public yet.')).toBeVisible();
  const pub = await page.context().newPage();
  await pub.goto(`${server.baseURL}/incidents/${id}`);
  await expect(pub.locator('#postmortem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Publish post-mortem' }).click();
  await expect(page.getByText('Post-mortem published.')).toBeVisible();
  await pub.reload();
  await expect(pub.locator('#postmortem')).toContainText('A config flag flipped.');
  await expect(pub.locator('#postmortem h3, #postmortem h2').filter({ hasText: 'Root cause' })).toHaveCount(1);

  // A typo fix to an update keeps its place and shows publicly.
  await page.locator('details', { hasText: 'Edit text' }).first().locator('summary').click();
  await page.locator('details[open] textarea').fill('All clear, for real.');
  await page.locator('details[open]').getByRole('button', { name: 'Save text' }).click();
  await pub.reload();
  await expect(pub.locator('#timeline li').first()).toContainText('All clear, for real.');
});

test('a form with errors keeps everything typed, with messages next to the fields', async ({ page }) => {
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Impact').selectOption('critical');
  await page.getByLabel('Message (markdown)').fill('Long **message** typed under stress.');
  await page.getByLabel(/^Dashboard/).selectOption('major_outage');
  await page.getByLabel('Started at (UTC, optional)').fill('2099-01-01T10:00');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('#f-name-error')).toHaveText('Title is required.');
  await expect(page.getByLabel('Message (markdown)')).toHaveValue('Long **message** typed under stress.');
  await expect(page.getByLabel('Impact')).toHaveValue('critical');
  await expect(page.getByLabel(/^Dashboard/)).toHaveValue('major_outage');
  await page.getByLabel('Title').fill('Dashboard down');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('#f-started_at-error')).toHaveText('Use a time in the past, not the future.');
  await expect(page.getByLabel('Title')).toHaveValue('Dashboard down');
  await page.getByLabel('Started at (UTC, optional)').fill('');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page).toHaveURL(/\?ok=incident-declared/);
});

test('a double submit of the same update form creates one update', async ({ page }) => {
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Title').fill('Double');
  await page.getByLabel('Message (markdown)').fill('first');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page).toHaveURL(/\?ok=incident-declared/);
  const id = /incidents\/(\d+)/.exec(page.url())![1];
  await page.getByLabel('Message (markdown)').fill('Only once, please.');
  // Send the rendered form twice at the same time, as a double tap on a slow connection does.
  const statuses = await page.evaluate(async () => {
    const form = document.querySelector('form[data-once] input[name="_action"][value="update"]')!.closest('form')!;
    const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
    const send = () => fetch(location.pathname, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    return (await Promise.all([send(), send(), send()])).map((r) => r.type);
  });
  expect(statuses).toEqual(['opaqueredirect', 'opaqueredirect', 'opaqueredirect']);
  await page.goto(`${server.baseURL}/incidents/${id}`);
  await expect(page.locator('#timeline li', { hasText: 'Only once, please.' })).toHaveCount(1);
  await expect(page.locator('#timeline li')).toHaveCount(2);
});
