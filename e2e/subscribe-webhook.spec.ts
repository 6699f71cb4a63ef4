import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { startSmtpSink, type SmtpSink } from '../src/testing/smtp-sink';
import { startReceiver, type Receiver } from '../src/testing/webhook-receiver';
import { createComponent } from '../src/server/services/components';
import { putSetting } from '../src/server/queries/settings';
import { startAdminServer } from './support/admin';
import { cliActor } from '../src/server/services/actor';

let server: RunningServer;
let sink: SmtpSink;
let receiver: Receiver;
const SEED = cliActor('seed');
test.beforeAll(async () => {
  sink = await startSmtpSink();
  receiver = await startReceiver(() => 200);
  // the receiver is on loopback: visitors' webhooks may reach it only because an admin allows private addresses for them
  server = await startAdminServer((db) => (createComponent(db, { name: 'API', slug: 'api' }, SEED, Date.now()), putSetting(db, 'allowPrivatePublicWebhooks', true)), { SMTP_URL: sink.url, MAIL_FROM: 'status@example.com' });
});
test.afterAll(async () => {
  await server.stop();
  await receiver.close();
  await sink.close();
});

async function noAxeViolations(page: Page, js: boolean): Promise<void> {
  if (js) expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`webhook subscription ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    test('choose Webhook, see a refused URL kept with its error, subscribe, confirm from the link the endpoint received (none is e-mailed)', async ({ page }) => {
      const email = `hooks-${javaScriptEnabled ? 'js' : 'nojs'}@example.com`;
      const url = `${receiver.url}/${javaScriptEnabled ? 'js' : 'nojs'}`;
      await page.goto(`${server.baseURL}/subscribe`);
      await page.getByRole('link', { name: 'By webhook' }).click();
      await expect(page.getByRole('link', { name: 'By webhook' })).toHaveAttribute('aria-current', 'page');
      await noAxeViolations(page, javaScriptEnabled);

      await page.getByLabel('Endpoint URL').fill('http://169.254.169.254/latest');
      await page.getByLabel('E-mail for failure notices').fill(email);
      await page.getByRole('button', { name: 'Subscribe the endpoint' }).click();
      await expect(page.getByText(/Refused: 169\.254\.169\.254 is a link-local/)).toBeVisible();
      await expect(page.getByLabel('Endpoint URL')).toHaveValue('http://169.254.169.254/latest');
      await expect(page.getByLabel('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');
      await noAxeViolations(page, javaScriptEnabled);

      await page.getByLabel('Endpoint URL').fill(url);
      const before = receiver.requests.length;
      await page.getByRole('button', { name: 'Subscribe the endpoint' }).click();
      await expect(page.getByRole('status')).toContainText('Check your endpoint.');
      await noAxeViolations(page, javaScriptEnabled);

      const confirmation = () => receiver.requests.slice(before).find((r) => r.headers['x-statuspage-event'] === 'subscription.confirm');
      await expect.poll(confirmation).toBeTruthy();
      const confirmUrl = JSON.parse(confirmation()!.body).confirm_url as string;
      expect(sink.to(email)).toEqual([]);
      await page.goto(`${server.baseURL}${new URL(confirmUrl).pathname}${new URL(confirmUrl).search}`);
      await noAxeViolations(page, javaScriptEnabled);
      await page.getByRole('button', { name: 'Confirm the webhook' }).click();
      await expect(page.getByRole('status')).toContainText('The webhook is confirmed');
      await noAxeViolations(page, javaScriptEnabled);
    });
  });
}
