import { expect, test } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { createComponent } from '../src/server/services/components';
import { createIncident } from '../src/server/services/incidents';
import { createUser } from '../src/server/services/users';
import { ADMIN, signIn, startAdminServer } from './support/admin';
import { cliActor } from '../src/server/services/actor';

let server: RunningServer;
const SEED = cliActor('seed');
test.beforeAll(async () => {
  server = await startAdminServer((db) => {
    const now = Date.now();
    createUser(db, { ...ADMIN, role: 'admin' }, SEED, now);
    createUser(db, { email: 'editor@example.com', password: 'editor password', role: 'editor' }, SEED, now);
    createComponent(db, { name: 'API', slug: 'api' }, SEED, now);
    createIncident(db, { title: 'Seeded incident', impact: 'minor', status: 'investigating', body: 'x', components: {} }, SEED, now);
  });
});
test.afterAll(() => server.stop());

test('an editor runs incidents and statuses but not users, keys, settings, audit or component CRUD', async ({ page }) => {
  const base = server.baseURL;
  await signIn(page, base, 'editor@example.com', 'editor password');
  const nav = page.getByRole('navigation', { name: 'Admin' });
  await expect(nav.getByRole('link', { name: 'Incidents' })).toBeVisible();
  for (const name of ['Users', 'API keys', 'Audit log', 'Settings']) await expect(nav.getByRole('link', { name })).toHaveCount(0);
  for (const path of ['/admin/users', '/admin/api-keys', '/admin/audit', '/admin/settings']) {
    const res = await page.goto(`${base}${path}`);
    expect(res!.status(), path).toBe(403);
  }

  await page.goto(`${base}/admin/components`);
  await expect(page.getByRole('heading', { name: 'Add a component' })).toHaveCount(0);
  await page.getByLabel('Status of API').selectOption('degraded_performance');
  await page.getByRole('button', { name: 'Set' }).click();
  await expect(page.getByText('Component status set.')).toBeVisible();
  // A forged create post is refused server-side, not just hidden.
  const forged = await page.request.post(`${base}/admin/components`, { form: { _action: 'create', name: 'Sneaky', target: '99' }, headers: { origin: base } });
  expect(forged.status()).toBe(403);

  await page.goto(`${base}/admin`);
  await page.getByRole('link', { name: 'Seeded incident' }).click();
  await expect(page.getByRole('heading', { name: 'Post an update' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete incident' })).toHaveCount(0);
  const url = page.url();
  const del = await page.request.post(url, { form: { _action: 'delete', confirm: 'delete' }, headers: { origin: base } });
  expect(del.status()).toBe(403);
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Seeded incident' })).toBeVisible();
});

test('an admin creates an editor, who can then sign in; the admin can delete an incident with confirmation', async ({ page, browser }) => {
  const base = server.baseURL;
  await signIn(page, base);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Email').fill('new.editor@example.com');
  await page.getByLabel('Role', { exact: true }).selectOption('editor');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText('Use at least 10 characters.').first()).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('new.editor@example.com');
  await page.getByLabel('Initial password').fill('a good long password');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('cell', { name: 'new.editor@example.com', exact: true })).toBeVisible();

  const other = await browser.newPage();
  await signIn(other, base, 'new.editor@example.com', 'a good long password');
  await expect(other.getByText('new.editor@example.com (editor)')).toBeVisible();
  await other.close();

  await page.goto(`${base}/admin`);
  await page.getByRole('link', { name: 'Seeded incident' }).click();
  // one handler for both confirmations: two once-handlers raced when the second was added while the first dialog was still being handled
  const confirmations: string[] = [];
  page.on('dialog', (d) => (confirmations.push(d.type()), void d.accept().catch(() => undefined)));
  await page.getByRole('button', { name: 'Delete incident' }).click();
  await expect(page.locator('#f-confirm-error')).toHaveText('Type "delete" to confirm.');
  await page.getByLabel('Type "delete" to confirm').fill('delete');
  await page.getByRole('button', { name: 'Delete incident' }).click();
  await expect(page).toHaveURL(`${base}/admin?ok=incident-deleted`);
  expect(confirmations.length).toBeGreaterThanOrEqual(2);
  expect(new Set(confirmations)).toEqual(new Set(['confirm']));
  await expect(page.getByRole('link', { name: 'Seeded incident' })).toHaveCount(0);

  await page.goto(`${base}/admin/audit?entity=incident`);
  await expect(page.getByTestId('audit-table')).toContainText('incident.delete');
  await expect(page.getByTestId('audit-table')).toContainText(ADMIN.email);
});
