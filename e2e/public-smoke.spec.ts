import { expect, test } from '@playwright/test';

test('the overview shows the banner, groups and components', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All Systems Operational');
  await expect(page.getByRole('link', { name: 'API', exact: true })).toBeVisible();
  await expect(page.locator('[data-component="docs"]')).toHaveAttribute('data-status', 'operational');
});
