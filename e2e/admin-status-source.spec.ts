/**
 * Issue 25, the operator's scenario: a status set during an incident is offered as an update of it; resolving
 * shows what will happen and leaves `/` operational; a hand-set outage left over warns on /admin and on the
 * component until cleared.
 */
import { expect, test, type Page } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { cliActor } from '../src/server/services/actor';
import { createComponent } from '../src/server/services/components';
import { createIncident } from '../src/server/services/incidents';
import { signIn, startAdminServer } from './support/admin';

let server: RunningServer;
const SEED = cliActor('seed');
test.beforeEach(async () => {
  server = await startAdminServer((db) => {
    const now = Date.now() - 60_000;
    createComponent(db, { name: 'API', slug: 'api' }, SEED, now);
    createComponent(db, { name: 'Dashboard', slug: 'dashboard' }, SEED, now);
    createIncident(db, { title: 'API down', impact: 'critical', status: 'investigating', body: 'Looking into it.', components: { api: 'major_outage' } }, SEED, now);
  });
});
test.afterEach(() => server.stop());

/** The public overview's banner, fetched afresh (public pages carry max-age=10). */
async function publicBanner(page: Page): Promise<string> {
  const pub = await page.context().newPage();
  await pub.goto(`${server.baseURL}/`);
  await pub.reload();
  const text = (await pub.getByRole('heading', { level: 1 }).innerText()).trim();
  await pub.close();
  return text;
}

const row = (page: Page, name: string) => page.locator('tr', { has: page.getByLabel(`Status of ${name}`, { exact: true }) });

test('set during an incident → offered as its update; resolve → shown first, then all operational; a leftover → warned and cleared', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/components`);
  const api = row(page, 'API');
  await expect(api).toContainText('Major outage — incident #1');
  // No monitor anywhere: "Automatic" is not offered.
  await expect(api.getByRole('option', { name: /Automatic/ })).toHaveCount(0);

  // Setting a status while the incident holds API: posting it as an update is the default.
  await expect(api.getByLabel(/Post as an update of incident #1/)).toBeChecked();
  await api.getByLabel('Status of API', { exact: true }).selectOption('partial_outage');
  await api.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.getByText('Component status posted as an update of its incident.')).toBeVisible();
  await expect(row(page, 'API')).toContainText('Partial outage — incident #1');

  // By hand it is a separate layer, and the page says it is not shown.
  await row(page, 'API').getByLabel('Status of API', { exact: true }).selectOption('degraded_performance');
  await row(page, 'API').getByLabel('Set by hand (ends when the incident resolves)').check();
  await row(page, 'API').getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.getByText('Component status set.')).toBeVisible();
  await expect(row(page, 'API')).toContainText('Partial outage — incident #1');
  await expect(row(page, 'API')).toContainText(/Not shown: Degraded performance — set by hand/);

  // The resolve form shows what resolving does, and lets the operator keep the hand-set status (not kept here).
  await page.goto(`${server.baseURL}/admin/incidents/1`);
  await expect(page.getByLabel(/^API/)).toHaveValue('');
  const preview = page.locator('#resolve-preview');
  await expect(preview).toContainText(/API: Partial outage → Operational \(its hand-set Degraded performance from .* ends too\)/);
  await expect(preview.getByLabel(/Keep API’s hand-set Degraded performance/)).not.toBeChecked();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Resolved' });
  await page.getByLabel('Message (markdown)').fill('Fixed.');
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByText('Update posted.')).toBeVisible();
  expect(await publicBanner(page)).toContain('All Systems Operational');
  await page.goto(`${server.baseURL}/admin`);
  await expect(page.locator('[data-leftover]')).toHaveCount(0);

  // A hand-set outage with no incident behind it: the public banner shows it, so the admin warns everywhere.
  await page.goto(`${server.baseURL}/admin/components`);
  await expect(row(page, 'Dashboard').getByLabel(/Post as an update/)).toHaveCount(0);
  await row(page, 'Dashboard').getByLabel('Status of Dashboard', { exact: true }).selectOption('major_outage');
  await row(page, 'Dashboard').getByRole('button', { name: 'Set', exact: true }).click();
  expect(await publicBanner(page)).toContain('Major System Outage');
  const warning = /Dashboard shows Major outage, set by hand, and no open incident affects it\./;
  await page.goto(`${server.baseURL}/admin/components/2`);
  await expect(page.getByRole('alert').filter({ hasText: warning })).toBeVisible();
  await page.goto(`${server.baseURL}/admin`);
  await expect(page.getByRole('alert').filter({ hasText: warning })).toBeVisible();
  await page.getByRole('button', { name: 'Clear Dashboard’s status' }).click();
  await expect(page.getByText('Component status set.')).toBeVisible();
  await page.goto(`${server.baseURL}/admin`);
  await expect(page.locator('[data-leftover]')).toHaveCount(0);
  expect(await publicBanner(page)).toContain('All Systems Operational');
});
