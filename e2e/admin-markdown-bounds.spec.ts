import { expect, test } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { cliActor } from '../src/server/services/actor';
import { createComponent } from '../src/server/services/components';
import { signIn, startAdminServer } from './support/admin';

let server: RunningServer;
test.beforeEach(async () => {
  server = await startAdminServer((db) => void createComponent(db, { name: 'API', slug: 'api' }, cliActor('seed'), Date.now()));
});
test.afterEach(() => server.stop());

test('markdown nested past the bound: the preview says why, and the form keeps the text with the reason next to it', async ({ page }) => {
  const deep = `Before\n${'>'.repeat(40)} too deep`;
  await signIn(page, server.baseURL);
  await page.goto(`${server.baseURL}/admin/incidents/new`);
  const message = page.getByLabel('Message (markdown)');
  await message.fill('**fine**');
  await expect(page.locator('#f-body-preview strong')).toHaveText('fine');
  await message.fill(deep);
  await expect(page.locator('#f-body-preview')).toContainText('Quotes and lists may nest at most 16 levels deep; line 2 nests 40.');
  await page.getByLabel('Title').fill('Nested too deep');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('#f-body-error')).toHaveText('Quotes and lists may nest at most 16 levels deep; line 2 nests 40.');
  await expect(message).toHaveValue(deep);
  await expect(page.getByLabel('Title')).toHaveValue('Nested too deep');
});
