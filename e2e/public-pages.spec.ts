import { expect, test } from '@playwright/test';
import { API_OUTAGES, HISTORY_INCIDENTS } from './support/fixture';

const TOTAL = HISTORY_INCIDENTS + API_OUTAGES.length;
const PAGES = Math.ceil(TOTAL / 10);

async function startedTimes(page: import('@playwright/test').Page): Promise<number[]> {
  return page.locator('article.incident').evaluateAll((els) => els.map((e) => Date.parse(e.querySelector('.incident-meta time')!.getAttribute('datetime')!)));
}

test.describe('history', () => {
  test('is paginated newest first, ten per page, grouped by month', async ({ page }) => {
    const seen: string[] = [];
    let last = Infinity;
    await page.goto('/history');
    for (let p = 1; p <= PAGES; p++) {
      await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(`Page ${p} of ${PAGES}`);
      const count = p < PAGES ? 10 : TOTAL - 10 * (PAGES - 1);
      await expect(page.locator('article.incident')).toHaveCount(count);
      const times = await startedTimes(page);
      for (const t of times) {
        expect(t).toBeLessThanOrEqual(last);
        last = t;
      }
      seen.push(...(await page.locator('article.incident .incident-title').allInnerTexts()));
      await expect(page.locator('section.history-month h2').first()).toHaveText(/^[A-Z][a-z]+ \d{4}$/);
      if (p < PAGES) {
        await page.getByRole('link', { name: 'Older →' }).click();
        await expect(page).toHaveURL(new RegExp(`page=${p + 1}`));
      }
    }
    await expect(page.getByRole('link', { name: 'Older →' })).toHaveCount(0);
    expect(new Set(seen).size).toBe(TOTAL);
    await page.getByRole('link', { name: '← Newer' }).click();
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(`Page ${PAGES - 1} of ${PAGES}`);
  });

  test('filters by component with the form', async ({ page }) => {
    await page.goto('/history');
    await page.getByLabel('Component').selectOption({ label: 'API' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/component=api/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incident history · API');
    const titles = await page.locator('article.incident .incident-title').allInnerTexts();
    expect(titles.sort()).toEqual(API_OUTAGES.map((o) => o.title).sort());
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toHaveCount(0);
  });
});

test.describe('incident page', () => {
  test('shows the timeline newest first, affected components and the sanitised post-mortem', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/history?component=api');
    await page.getByRole('link', { name: 'API down for 90 minutes' }).click();
    await expect(page).toHaveURL(/\/incidents\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API down for 90 minutes');
    await expect(page.getByTestId('incident-status')).toHaveText('Resolved');
    await expect(page.locator('.incident-meta').first()).toContainText('after 1 h 30 min');

    const heads = page.locator('#timeline > li .update-head strong');
    await expect(heads).toHaveText(['Resolved', 'Identified', 'Investigating']);
    const times = await page.locator('#timeline > li .update-head time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await expect(page.locator('#timeline .md strong')).toHaveText(['identified']); // markdown rendered

    await expect(page.locator('section[aria-labelledby="affected"]')).toContainText('API');
    const pm = page.locator('#postmortem');
    await expect(pm.getByRole('heading', { name: 'Root cause' })).toBeVisible();
    await expect(pm.locator('em')).toHaveText('bad');
    await expect(pm.locator('script')).toHaveCount(0);
    expect(await pm.innerHTML()).not.toContain('__pwned');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});

test.describe('errors', () => {
  for (const path of ['/components/nope', '/components/API', '/incidents/999999', '/incidents/abc', '/incidents/1.5', '/no-such-page']) {
    test(`${path} answers a 404 page`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res!.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
      await expect(page.getByRole('link', { name: 'Back to the current status' })).toBeVisible();
    });
  }

  for (const query of ['page=abc', 'page=0', 'page=-1', 'page=1e3', 'page=99999999999', 'component=%00', 'component=NOPE', 'component=nope', 'page=%FF', 'component=%E0%A4%A']) {
    test(`/history?${query} answers 400, never 500`, async ({ page }) => {
      const res = await page.goto(`/history?${query}`);
      expect(res!.status()).toBe(400);
      // A URL Astro cannot decode is refused before routing, in plain text; the rest get the HTML page.
      if ((await res!.headerValue('content-type'))?.includes('html')) await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bad request');
      else expect(await res!.text()).toMatch(/bad request/i);
    });
  }

  test('a page beyond the last answers 404, not an empty page', async ({ page }) => {
    const res = await page.goto(`/history?page=${PAGES + 1}`);
    expect(res!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
    expect((await page.goto(`/history?page=${PAGES}`))!.status()).toBe(200);
  });
});

test('the footer lists every way to follow the page, each separated by a spaced dot', async ({ page }) => {
  await page.goto('/');
  // Astro drops the whitespace at a line break between tags: a dot must never touch the next link.
  await expect(page.locator('footer')).toContainText('Subscribe: RSS · Atom · Maintenance calendar · Webhook · JSON API');
});
