/** A tab past the live-stream cap polls the page instead, and takes the stream back once a slot is free. */
import { expect, test } from '@playwright/test';
import { openDatabase, type Db } from '../src/server/db';
import { SYSTEM } from '../src/server/services/actor';
import { createComponent, setComponentStatus } from '../src/server/services/components';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';

let server: RunningServer;
let db: Db;
let api = 0;

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-e2e-live-poll-');
  seedDatabase(dbPath, (d) => {
    api = createComponent(d, { name: 'API', slug: 'api' }, SYSTEM, Date.now()).id;
  });
  // One stream per client: the second tab of this browser is refused.
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', LIVE_STREAMS_PER_CLIENT: '1' } });
  db = openDatabase(dbPath, { migrate: false });
});
test.afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

test('a refused tab says so, polls the change in, and goes live again when the other tab closes', async ({ context }) => {
  const first = await context.newPage();
  await first.goto(`${server.baseURL}/`);
  await expect(first.locator('#live-status')).toHaveAttribute('data-state', 'live');

  const second = await context.newPage();
  await second.addInitScript(() => ((window as unknown as { STATUS_STREAM_POLL_MS: number }).STATUS_STREAM_POLL_MS = 400));
  const refused = second.waitForResponse((r) => r.url().includes('/api/stream') && r.status() === 429);
  await second.goto(`${server.baseURL}/`);
  await refused;
  await expect(second.locator('#live-status')).toHaveAttribute('data-state', 'polling');
  await expect(second.locator('#live-status')).toHaveText(/checking for updates/);

  setComponentStatus(db, api, 'major_outage', SYSTEM, Date.now());
  await expect(first.locator('[data-component="api"]')).toHaveAttribute('data-status', 'major_outage', { timeout: 5000 });
  await expect(second.locator('[data-component="api"]')).toHaveAttribute('data-status', 'major_outage', { timeout: 5000 });
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('Major System Outage');

  await first.close(); // frees the client's one stream
  await expect(second.locator('#live-status')).toHaveAttribute('data-state', 'live', { timeout: 5000 });
  await expect(second.locator('#live-status')).toHaveText('Live updates resumed.');
  setComponentStatus(db, api, null, SYSTEM, Date.now());
  await expect(second.locator('[data-component="api"]')).toHaveAttribute('data-status', 'operational', { timeout: 5000 });
});
