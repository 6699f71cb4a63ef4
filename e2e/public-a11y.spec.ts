import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The id of the fixture's incident with the post-mortem, found through the public pages. */
async function incidentPath(page: Page): Promise<string> {
  await page.goto('/history?component=api');
  const href = await page.getByRole('link', { name: 'API down for 90 minutes' }).getAttribute('href');
  expect(href).toMatch(/^\/incidents\/\d+$/);
  return href!;
}

const STATIC_PAGES = ['/', '/history', '/components/api', '/maintenance'];

test.describe('accessibility (axe)', () => {
  test.describe.configure({ timeout: 120_000 });
  for (const scheme of ['light', 'dark'] as const) {
    test(`zero axe violations on the public pages (${scheme})`, async ({ browser }) => {
      const ctx = await browser.newContext({ colorScheme: scheme });
      const page = await ctx.newPage();
      const paths = [...STATIC_PAGES, await incidentPath(page)];
      for (const path of paths) {
        await page.goto(path);
        // Open collapsed groups and show a tooltip so their contents are checked too.
        await page.locator('details:not([open])').evaluateAll((els) => els.forEach((e) => e.setAttribute('open', '')));
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
      }
      await ctx.close();
    });
  }

  test('day-bar tooltips and the description tooltip pass axe when shown', async ({ page }) => {
    await page.goto('/');
    await page.locator('[data-component="api"] ol.bars > li[tabindex="0"]').first().focus();
    let results = await new AxeBuilder({ page }).include('[data-component="api"]').analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'About API' }).focus();
    results = await new AxeBuilder({ page }).include('[data-component="api"]').analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

test.describe('without JavaScript', () => {
  test('every public page is complete', async ({ browser }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All Systems Operational');
    await expect(page.locator('li.component')).toHaveCount(4);
    await expect(page.locator('ol.bars > li')).toHaveCount(4 * 90);
    await expect(page.locator('[data-component="api"] [data-span="90"] .uptime')).toHaveText(/^\d+\.\d{2}% uptime$/);
    await expect(page.locator('#maintenance')).toContainText('Planned database upgrade');
    // Without the script the UTC text is shown as rendered.
    await expect(page.locator('#banner time')).toHaveText(/UTC$/);
    // A collapsed group opens without JavaScript (native <details>).
    await page.locator('details.group:not([open]) > summary').first().click();
    await expect(page.locator('details.group:not([open])')).toHaveCount(0);

    const path = await incidentPath(page);
    await page.goto(path);
    await expect(page.locator('#timeline > li')).toHaveCount(3);
    await expect(page.locator('#postmortem')).toContainText('Root cause');

    await page.goto('/components/api');
    await expect(page.locator('dd[data-window]')).toHaveCount(4);
    await expect(page.locator('ol.bars > li')).toHaveCount(90);

    await page.goto('/history');
    await page.getByLabel('Component').selectOption('api');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/component=api/);
    await ctx.close();
  });
});

test.describe('themes and layout', () => {
  async function background(scheme: 'light' | 'dark', browser: import('@playwright/test').Browser): Promise<[number, number, number]> {
    const ctx = await browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto('/');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await ctx.close();
    return bg.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
  }

  test('the dark scheme follows the system setting', async ({ browser }) => {
    const light = await background('light', browser);
    const dark = await background('dark', browser);
    const lum = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    expect(lum(light)).toBeGreaterThan(200);
    expect(lum(dark)).toBeLessThan(60);
  });

  test('no horizontal overflow at 360 px on any public page', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const paths = [...STATIC_PAGES, await incidentPath(page), '/history?page=2', '/components/docs', '/nope'];
    for (const path of paths) {
      await page.goto(path);
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
    }
    // A focused tooltip on the first (leftmost) and last bar must not push the page sideways either.
    await page.goto('/');
    // The narrowest phones show the last 30 days (60 up to 640 px, 90 above).
    await expect(page.locator('[data-component="api"] ol.bars > li:visible')).toHaveCount(30);
    for (const which of ['first', 'last'] as const) {
      // Plain edge days have no tooltip of their own: give them a real one from a notable day.
      const bar = page.locator('[data-component="api"] ol.bars > li')[which]();
      await bar.evaluate((e) => {
        e.setAttribute('tabindex', '0');
        e.append(document.querySelector('[data-component="api"] ol.bars .tip')!.cloneNode(true));
      });
      await bar.focus();
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), `${which} tooltip`).toBeLessThanOrEqual(360);
    }
    await page.getByRole('button', { name: 'About API' }).focus();
    await expect(page.getByRole('tooltip')).toBeVisible();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), 'description tooltip').toBeLessThanOrEqual(360);
    await ctx.close();
  });
});
