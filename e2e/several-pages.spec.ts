/**
 * Issue 24 in Chromium: two public pages and a private one on three host names, resolved to the loopback server by
 * --host-resolver-rules, so the browser sends each page's real Host header.
 */
import { expect, test } from '@playwright/test';
import { HOSTS, SECRET, seedPages } from '../src/testing/pages-fixture';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

let server: RunningServer;

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic', `--host-resolver-rules=${Object.values(HOSTS).map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`],
  },
});

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-e2e-pages-');
  seedDatabase(dbPath, (db) => void seedPages(db, Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
test.afterAll(() => server?.stop());

const on = (host: string, path = '/') => `http://${host}:${server.port}${path}`;

test('each host shows its own page, components and incidents', async ({ page }) => {
  await page.goto(on(HOSTS.shop));
  await expect(page.getByRole('link', { name: 'Checkout declines cards' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Shop Checkout' }).first()).toBeVisible();
  await expect(page.getByText('Main web is slow')).toHaveCount(0);
  await expect(page.getByText(SECRET.incident)).toHaveCount(0);
  await page.getByRole('link', { name: 'Checkout declines cards' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout declines cards' })).toBeVisible();
  expect(new URL(page.url()).hostname).toBe(HOSTS.shop);

  await page.goto(on(HOSTS.main));
  await expect(page.getByRole('link', { name: 'Main web is slow' })).toBeVisible();
  await expect(page.getByText('Checkout declines cards')).toHaveCount(0);
  await expect(page.getByText(SECRET.component)).toHaveCount(0);
});

test('the private host shows the sign-in page, nothing of its records', async ({ page }) => {
  const res = await page.goto(on(HOSTS.internal));
  expect(res?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in required');
  await expect(page.getByText(SECRET.incident)).toHaveCount(0);
});
