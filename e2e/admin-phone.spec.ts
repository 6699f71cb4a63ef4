import { expect, test } from '@playwright/test';
import { openDatabase } from '../src/server/db';
import { createComponent } from '../src/server/services/components';
import { requireIncident } from '../src/server/services/incidents';
import type { RunningServer } from '../src/testing/server-harness';
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

function storedIncident(id: number) {
  const db = openDatabase(server.dbPath);
  try {
    return requireIncident(db, id);
  } finally {
    db.$client.close();
  }
}

test.describe('an operator in Europe/Berlin', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('enters 14:30 local time in winter and 13:30 UTC is stored and served', async ({ page }) => {
    await signIn(page, server.baseURL);
    await page.goto(`${server.baseURL}/admin/incidents/new`);
    const started = page.getByLabel('Started at (your time, Europe/Berlin, optional)');
    await started.fill('2026-01-15T14:30');
    await expect(page.locator('.tz-echo').first()).toHaveText(/^14:30 (GMT\+1|CET) \(13:30 UTC\)$/);
    await page.getByLabel('Title').fill('Berlin outage');
    await page.getByLabel('Message (markdown)').fill('Investigating.');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await expect(page).toHaveURL(/\?ok=incident-declared/);
    const id = Number(/incidents\/(\d+)/.exec(page.url())![1]);
    expect(new Date(storedIncident(id).startedAt).toISOString()).toBe('2026-01-15T13:30:00.000Z');
    const api = await (await page.request.get(`${server.baseURL}/api/v2/incidents.json`)).json();
    expect(api.incidents.find((i: { name: string }) => i.name === 'Berlin outage').started_at).toMatch(/^2026-01-15T13:30:00(\.000)?Z$/);
  });
});

test('without JavaScript the form says UTC and stores the time as UTC', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'Europe/Berlin' });
  const page = await ctx.newPage();
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Title').fill('UTC outage');
  await page.getByLabel('Message (markdown)').fill('Investigating.');
  await page.getByLabel('Started at (UTC, optional)').fill('2026-01-15T14:30');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const id = Number(/incidents\/(\d+)/.exec(page.url())![1]);
  expect(new Date(storedIncident(id).startedAt).toISOString()).toBe('2026-01-15T14:30:00.000Z');
  await ctx.close();
});

test('every field error appears on the first submit, in a focused summary that links to the fields', async ({ page }) => {
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Started at (UTC, optional)').fill('2099-01-01T10:00');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeFocused();
  await expect(page.locator('#f-name-error')).toHaveText('Title is required.');
  await expect(page.locator('#f-body-error')).toBeVisible();
  await expect(page.locator('#f-started_at-error')).toHaveText('Use a time in the past, not the future.');
  await expect(summary.getByRole('link')).toHaveCount(3);
  await summary.getByRole('link', { name: 'Title is required.' }).click();
  await expect(page.getByLabel('Title')).toBeFocused();
});

test('a maintenance window in the past asks for confirmation before it is recorded', async ({ page }) => {
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/maintenance`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  await page.getByLabel('Title').fill('Forgotten window');
  await page.getByLabel('Starts (UTC)').fill(iso(Date.now() - 3 * 3_600_000));
  await page.getByLabel('Ends (UTC)').fill(iso(Date.now() - 2 * 3_600_000));
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.locator('[data-error-summary]')).toBeFocused();
  await expect(page.locator('[data-error-summary]')).toContainText('entirely in the past');
  await expect(page.getByLabel('Title')).toHaveValue('Forgotten window');
  await page.getByLabel('Yes, schedule this window').check();
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByText('Maintenance scheduled.')).toBeVisible();
});

test('a resolved incident moves to "Past incidents" on the public page', async ({ page }) => {
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Title').fill('Login errors');
  await page.getByLabel('Message (markdown)').fill('Looking.');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page).toHaveURL(/\?ok=incident-declared/);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Resolved' });
  await page.getByLabel('Message (markdown)').fill('Fixed.');
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByText('Incident update posted.')).toBeVisible();
  await page.goto(`${server.baseURL}/`);
  const past = page.locator('#past-incidents');
  await expect(past.locator('.past-day')).toHaveCount(15);
  await expect(past.locator('.past-day').first().getByRole('link', { name: 'Login errors' })).toBeVisible();
  await expect(past.locator('.past-day').nth(1)).toContainText('No incidents reported.');
  await expect(page.locator('#incidents')).not.toContainText('Login errors');
});

test("editing an incident's impact and components shows on the public page", async ({ page }) => {
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  await page.getByLabel('Title').fill('Slow dashboard');
  await page.getByLabel('Impact').selectOption('minor');
  await page.getByLabel('Message (markdown)').fill('Looking.');
  await page.getByLabel(/^Dashboard/).selectOption('degraded_performance');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page).toHaveURL(/\?ok=incident-declared/);
  const id = /incidents\/(\d+)/.exec(page.url())![1];
  await page.getByText('Edit title, impact and affected components').click();
  await page.locator('#d-name').fill('Dashboard down');
  await page.locator('#d-impact').selectOption('major');
  await page.getByRole('checkbox', { name: 'API' }).check();
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Incident details saved.')).toBeVisible();
  await page.goto(`${server.baseURL}/incidents/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard down');
  await expect(page.locator('.impact-badge')).toHaveText('Impact: Major');
  await expect(page.locator('#timeline li').first()).toContainText('Impact changed from Minor to Major.');
  await expect(page.getByRole('region', { name: 'Affected components' })).toContainText('API');
  await page.goto(`${server.baseURL}/`);
  await expect(page.locator('#banner [data-indicator]')).toHaveAttribute('data-indicator', 'major');
});
