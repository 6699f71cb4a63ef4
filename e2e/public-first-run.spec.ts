import { expect, test } from '@playwright/test';
import { startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ dbPath: tempDbPath('statuspage-first-run-'), env: { LOG_LEVEL: 'warn' } });
});
test.afterAll(async () => {
  await server?.stop();
});

test('an empty database shows the first-run page, not a blank page', async ({ page }) => {
  const res = await page.goto(`${server.baseURL}/`);
  expect(res!.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to your status page');
  await expect(page.getByRole('link', { name: 'admin' })).toHaveAttribute('href', '/admin');
  await expect(page.locator('main')).toContainText('npm run demo');
  await expect(page.locator('#banner')).toHaveCount(0);
});

test('the other public pages work on an empty database', async ({ page }) => {
  for (const [path, heading] of [
    ['/history', 'Incident history'],
    ['/maintenance', 'Scheduled maintenance'],
  ]) {
    const res = await page.goto(`${server.baseURL}${path}`);
    expect(res!.status(), path).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  await expect(page.locator('main')).toContainText('No maintenance scheduled.');
});
