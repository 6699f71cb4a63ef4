import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { createSession } from '../src/server/auth/sessions';
import { createUser } from '../src/server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../src/testing/server-harness';
import { startReceiver, type Receiver } from '../src/testing/webhook-receiver';
import { cliActor } from '../src/server/services/actor';

// Mutates state, so it runs its own server.
let server: RunningServer;
let receiver: Receiver;
let token = '';

test.beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-e2e-webhooks-');
  seedDatabase(dbPath, (db) => {
    const admin = createUser(db, { email: 'ops@example.com', password: 'correct horse battery', role: 'admin' }, cliActor('e2e'), Date.now());
    token = createSession(db, admin.id, Date.now(), 3_600_000);
  });
  receiver = await startReceiver();
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
test.afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

test('an admin adds and removes a webhook subscriber, with errors next to the field', async ({ page, context }) => {
  await context.addCookies([{ name: 'sp_session', value: token, url: server.baseURL }]);
  await page.goto(`${server.baseURL}/admin/webhooks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel('URL').fill('ftp://example.com/hook');
  await page.getByLabel('URL').evaluate((el: HTMLInputElement) => (el.type = 'text')); // let the server judge
  await page.getByRole('button', { name: 'Add channel' }).click();
  await expect(page.locator('#url-error')).toHaveText('Use an http or https URL.');
  await expect(page.getByLabel('URL')).toHaveValue('ftp://example.com/hook');
  await expect(page.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel('URL').fill(receiver.url);
  await page.getByLabel('Kind').selectOption({ label: 'Slack' });
  await page.getByLabel('Name (optional)').fill('Chat bot');
  await page.getByLabel('Name (optional)').press('Enter');
  await expect(page.getByTestId('secret')).toHaveText(/^whsec_[\w-]{20,}$/);
  const secret = await page.getByTestId('secret').textContent();
  const row = page.getByRole('row', { name: /Chat bot/ });
  await expect(row).toContainText('Active');
  await expect(row).toContainText(`Slack: ${receiver.url}`);
  await row.getByText('Show').click();
  await expect(row.locator('details code')).toHaveText(secret!);
  await page.reload(); // post/redirect/get: a reload adds nothing
  await expect(page.getByRole('row', { name: /Chat bot/ })).toHaveCount(1);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // rename the channel in place
  await page.getByRole('row', { name: /Chat bot/ }).getByText('Edit').click();
  await page.getByRole('row', { name: /Chat bot/ }).getByLabel('Name (optional)').fill('Ops chat');
  await page.getByRole('row', { name: /Chat bot/ }).getByRole('button', { name: 'Save channel' }).click();
  await expect(page.getByRole('status')).toHaveText('Channel saved.');
  await expect(page.getByRole('row', { name: /Ops chat/ })).toContainText(`Slack: ${receiver.url}`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  page.once('dialog', (d) => d.accept());
  await page.getByRole('row', { name: /Ops chat/ }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status')).toHaveText('Subscriber removed.');
  await expect(page.getByText('No subscribers yet.')).toBeVisible();
});
