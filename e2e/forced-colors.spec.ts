/**
 * Forced colours (Windows High Contrast) on the shared fixture: the 90-day bars and the banner icon stay visible,
 * and a day with an outage looks different from a good day (pixels compared, light and dark system palettes).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { API_OUTAGES } from './support/fixture';

/** The distinct colours of an element's pixels and their average, read back through a canvas. */
async function pixels(page: Page, el: Locator): Promise<{ distinct: number; average: [number, number, number] }> {
  const png = (await el.screenshot({ animations: 'disabled' })).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) {
      seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      for (let k = 0; k < 3; k++) sum[k] += d[i + k];
    }
    const n = d.length / 4;
    return { distinct: seen.size, average: sum.map((v) => Math.round(v / n)) as [number, number, number] };
  }, png);
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

for (const scheme of ['light', 'dark'] as const) {
  test(`bars and the banner icon stay visible in forced colours (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ forcedColors: 'active', colorScheme: scheme });
    await page.goto('/');
    const bars = page.locator('[data-component="api"] ol.bars > li');
    await expect(bars).toHaveCount(90);
    const outageDaysAgo = API_OUTAGES.find((o) => o.status === 'major_outage' && o.hour < 20)!.daysAgo;
    const outage = bars.nth(89 - outageDaysAgo);
    const good = bars.nth(89 - 30); // no outage 30 days ago in the fixture
    await expect(outage).toHaveClass(/lvl-(major|critical|notable)/);
    await expect(good).not.toHaveAttribute('class', /lvl-/);

    // The row's box (bar and the gap around it) as the screen shows it.
    const canvas = await page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number));
    const goodPx = await pixels(page, good);
    const outagePx = await pixels(page, outage);
    expect(distance(goodPx.average, canvas), 'a good day is visible against the page').toBeGreaterThan(60);
    expect(distance(goodPx.average, outagePx.average), 'an outage day differs from a good day').toBeGreaterThan(30);
    // and not by colour alone: the outage bar is shorter
    const [gh, oh] = await Promise.all([good.evaluate((e) => e.getBoundingClientRect().height), outage.evaluate((e) => e.getBoundingClientRect().height)]);
    expect(oh).toBeLessThan(gh * 0.8);

    const icon = await pixels(page, page.locator('#banner svg'));
    expect(icon.distinct, 'the banner icon draws something').toBeGreaterThan(1);
  });
}
