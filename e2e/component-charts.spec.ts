import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { MS_PER_DAY, MS_PER_HOUR } from '../src/domain/constants';
import { dayIndex, dayLabel, dayStart } from '../src/domain/time';
import { SYSTEM } from '../src/server/services/actor';
import { createComponent } from '../src/server/services/components';
import { aggregateMonitorDay, recordCheck } from '../src/server/services/monitoring';
import { createMonitor } from '../src/server/services/monitors';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

let server: RunningServer;

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-e2e-charts-');
  const now = Date.now();
  seedDatabase(dbPath, (db) => {
    const c = createComponent(db, { name: 'API', slug: 'api', startDate: now - 40 * MS_PER_DAY }, SYSTEM, now - 40 * MS_PER_DAY);
    createComponent(db, { name: 'Docs', slug: 'docs' }, SYSTEM, now);
    const m = createMonitor(db, { componentId: c.id, name: 'health endpoint', type: 'http', config: { url: 'http://127.0.0.1:9/' }, intervalS: 60, timeoutMs: 1000 }, SYSTEM, now - 40 * MS_PER_DAY);
    // Days 2–10 ago at noon UTC (outside the 24-hour window), aggregated as the runner would.
    for (let d = 10; d >= 2; d--) {
      const noon = dayStart(dayIndex(now) - d) + 12 * MS_PER_HOUR;
      for (let i = 0; i < 4; i++) recordCheck(db, m.id, { at: noon + i * 60_000, ok: true, latencyMs: 100 + d * 10 + i, statusCode: 200, error: null, certExpiresAt: null }, now);
      aggregateMonitorDay(db, dayIndex(noon), m.id);
    }
    for (let i = 0; i < 12; i++) recordCheck(db, m.id, { at: now - i * MS_PER_HOUR, ok: i !== 3, latencyMs: 40 + i, statusCode: 200, error: null, certExpiresAt: null }, now);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
test.afterAll(() => server?.stop());

test('a component with monitors shows a response-time chart with text alternatives, not a second copy of the day bars', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.baseURL}/components/api`);
  const table = page.getByRole('table', { name: 'Last 24 hours, per monitor' });
  // 12 checks in the last 24 h, one failed; fastest 40 ms, slowest 51 ms.
  await expect(table.getByRole('row', { name: /health endpoint/ }).getByRole('cell')).toHaveText(['12', '1', '40 ms', '46 ms', '51 ms']);

  // Chart.js drew the response times; uptime is left to the day bars.
  await expect(page.locator('#uptime-chart')).toHaveCount(0);
  const drawn = await page.evaluate(() =>
    ['latency-chart'].map((id) => {
      const c = document.getElementById(id) as HTMLCanvasElement;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return c.width > 0 && px.some((v) => v !== 0);
    }),
  );
  expect(drawn).toEqual([true]);

  await page.getByRole('button', { name: '30 days' }).click();
  await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByText('Daily response time, last 30 days').click();
  const twoDaysAgo = page.getByRole('row', { name: new RegExp(dayLabel(dayIndex(Date.now()) - 2)) }).first();
  await expect(twoDaysAgo).toContainText('121 ms'); // p50 of 120–123 ms
  await expect(twoDaysAgo).toContainText('123 ms'); // p95
  expect(errors).toEqual([]);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('the overview shows a response-time sparkline for components with monitors', async ({ page }) => {
  await page.goto(`${server.baseURL}/`);
  const spark = page.locator('[data-component="api"] [data-sparkline]');
  await expect(spark).toHaveAttribute('aria-label', 'Response time (p95) over 30 days: 123 to 203 ms');
  await expect(spark.locator('polyline')).toHaveCount(1);
  await expect(page.locator('[data-component="docs"] [data-sparkline]')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('overview.png') });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the page is complete: figures are in tables', async ({ page }) => {
    await page.goto(`${server.baseURL}/components/api`);
    await expect(page.getByRole('table', { name: 'Last 24 hours, per monitor' })).toBeVisible();
    await expect(page.getByRole('button', { name: '30 days' })).toHaveCount(0);
    await page.goto(`${server.baseURL}/components/docs`);
    await expect(page.locator('ol.bars > li')).toHaveCount(90);
    await expect(page.locator('#latency-chart')).toHaveCount(0);
  });
});
