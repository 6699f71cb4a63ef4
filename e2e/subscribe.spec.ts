import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { linkIn, startSmtpSink, type SmtpSink } from '../src/testing/smtp-sink';
import { createComponent, createGroup } from '../src/server/services/components';
import { startAdminServer } from './support/admin';
import { cliActor } from '../src/server/services/actor';

let server: RunningServer;
let sink: SmtpSink;
const SEED = cliActor('seed');
test.beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAdminServer(
    (db) => {
      const g = createGroup(db, { name: 'Core' }, SEED, Date.now());
      createComponent(db, { name: 'API', slug: 'api', groupId: g.id }, SEED, Date.now());
      createComponent(db, { name: 'Docs', slug: 'docs' }, SEED, Date.now());
    },
    { SMTP_URL: sink.url, MAIL_FROM: 'status@example.com' },
  );
});
test.afterAll(async () => {
  await server.stop();
  await sink.close();
});

/** axe runs in the page, so only where JavaScript is on; the pages are server-rendered, the same markup either way. */
async function noAxeViolations(page: Page, js: boolean): Promise<void> {
  if (js) expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`subscribing ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    test('subscribe from the public page, confirm, then change components on the manage page', async ({ page }) => {
      test.setTimeout(60_000);
      const email = `reader-${javaScriptEnabled ? 'js' : 'nojs'}@example.com`;
      await page.goto(`${server.baseURL}/`);
      await page.getByRole('link', { name: 'Subscribe', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Subscribe to updates' })).toBeVisible();
      await noAxeViolations(page, javaScriptEnabled);
      await page.getByLabel('E-mail address').fill(email);
      await page.getByRole('checkbox', { name: 'API' , exact: true }).check();
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await expect(page.getByRole('status')).toContainText('Check your inbox');
      await noAxeViolations(page, javaScriptEnabled);

      await sink.waitFor(() => sink.to(email).length > 0, 'the confirmation');
      await page.goto(linkIn(sink.to(email)[0], '/subscribe/confirm', server.baseURL));
      await noAxeViolations(page, javaScriptEnabled);
      await page.getByRole('button', { name: 'Confirm my subscription' }).click();
      await expect(page.getByRole('status')).toContainText('confirmed');

      // asking again sends the manage link
      await page.goto(`${server.baseURL}/subscribe`);
      await page.getByLabel('E-mail address').fill(email);
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await sink.waitFor(() => sink.to(email).some((m) => /Manage/.test(m.subject ?? '')), 'the manage link');
      await page.goto(linkIn(sink.to(email).find((m) => /Manage/.test(m.subject ?? ''))!, '/subscribe/manage', server.baseURL));
      await expect(page.getByRole('checkbox', { name: 'API', exact: true })).toBeChecked();
      await noAxeViolations(page, javaScriptEnabled);
      await page.getByRole('checkbox', { name: 'Docs' }).check();
      await page.getByRole('button', { name: 'Save my choice' }).click();
      await expect(page.getByRole('status')).toContainText('saved');
      await expect(page.getByRole('checkbox', { name: 'Docs' })).toBeChecked();
      await expect(page.getByRole('checkbox', { name: 'API', exact: true })).toBeChecked();
    });
  });
}
