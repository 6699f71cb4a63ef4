import { expect, test } from '@playwright/test';
import { startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';
import { ADMIN, signIn, startAdminServer } from './support/admin';

let server: RunningServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

test('first run without ADMIN_EMAIL: the console setup link creates the first admin once', async ({ page }) => {
  server = await startServer({ dbPath: tempDbPath('statuspage-e2e-setup-'), env: { LOG_LEVEL: 'warn' } });
  const token = /\/admin\/setup\?token=([\w-]+)/.exec(server.output())![1];
  await page.goto(`${server.baseURL}/admin/setup`);
  await expect(page.getByText('This setup link is invalid')).toBeVisible();

  await page.goto(`${server.baseURL}/admin/setup?token=${token}`);
  await page.getByLabel('Email').fill('first@example.com');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Repeat password').fill('short');
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page.getByText('Use at least 10 characters.').first()).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('first@example.com');

  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByLabel('Repeat password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page).toHaveURL(`${server.baseURL}/admin`);
  await expect(page.getByText('first@example.com (admin)')).toBeVisible();

  await page.goto(`${server.baseURL}/admin/setup?token=${token}`);
  await expect(page.getByText('This setup link is invalid')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create admin and sign in' })).toHaveCount(0);
});

test('sign in, wrong password, back to next, sign out, then the rate limit', async ({ page, context }) => {
  server = await startAdminServer();
  const base = server.baseURL;
  await page.goto(`${base}/admin/maintenance`);
  await expect(page).toHaveURL(`${base}/admin/login?next=%2Fadmin%2Fmaintenance`);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password.').first()).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(ADMIN.email);
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${base}/admin/maintenance`);
  const cookie = (await context.cookies()).find((c) => c.name === 'sp_session')!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(`${base}/admin/login`);
  await page.goto(`${base}/admin`);
  await expect(page).toHaveURL(/\/admin\/login\?next=/);

  // An open redirect is not possible through next.
  await page.goto(`${base}/admin/login?next=//evil.example/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${base}/admin`);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();

  // A stranger now: this browser's device cookie (set by the sign-ins above) would exempt its right password
  // from the per-IP limit, which is the point of the cookie (issue 22); the limit is for everyone else.
  const device = (await context.cookies()).filter((c) => c.name.startsWith('sp_device_'));
  expect(device).toHaveLength(1);
  await context.clearCookies();
  // The wrong password above already counts against this IP: four more make five.
  for (let i = 0; i < 4; i++) {
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(`wrong ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Wrong email or password.').first()).toBeVisible();
  }
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').first()).toHaveText(/Too many failed sign-ins\. Try again in 15 minutes\./);
  await expect(page).toHaveURL(/\/admin\/login/);

  // The operator's own browser (its device cookie back) is not kept out by those failures.
  await context.addCookies(device);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${base}/admin`);
});

test('sign out everywhere ends the other sessions too', async ({ browser }) => {
  server = await startAdminServer();
  const a = await browser.newPage();
  await signIn(a, server.baseURL);
  const other = await browser.newContext();
  const c = await other.newPage();
  await signIn(c, server.baseURL);
  await a.getByRole('button', { name: 'Sign out everywhere' }).click();
  await c.goto(`${server.baseURL}/admin`);
  await expect(c).toHaveURL(/\/admin\/login/);
  await Promise.all([a.close(), other.close()]);
});
