import { expect, test } from '@playwright/test';
import { API_OUTAGES } from './support/fixture';
import { expectedApiDays, expectedApiUptime, isoDate, truncated } from './support/expect-days';

/** "Oct 4, 2024": how a bar titles its UTC date. */
const titleDate = (iso: string) => new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

test.describe('overview on the shared fixture', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('banner, groups and every component with its 90 day bars', async ({ page }) => {
    await expect(page.locator('#banner [data-indicator]')).toHaveAttribute('data-indicator', 'none');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All Systems Operational');
    await expect(page.locator('#banner time')).toHaveCount(1);
    for (const slug of ['api', 'web', 'db-eu', 'docs']) await expect(page.locator(`[data-component="${slug}"] ol.bars > li`)).toHaveCount(90);
    await expect(page.locator('details.group summary')).toHaveText([/Core/, /Data/]);
    // The upcoming maintenance is listed.
    await expect(page.locator('#maintenance')).toContainText('Planned database upgrade');
  });

  test('the api day bars match the seeded outages: level, colour, uptime and tooltip', async ({ page }) => {
    const expected = expectedApiDays();
    expect(expected.size).toBe(5); // the outage across midnight touches two days
    const bars = page.locator('[data-component="api"] ol.bars > li');
    // Bars run from 89 days ago to today; notable days carry their date, plain ones are titled with it.
    const dates = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? e.getAttribute('title')));
    expect(dates).toHaveLength(90);
    dates.forEach((date, i) => expect([i, date]).toEqual([i, expected.has(isoDate(89 - i)) ? isoDate(89 - i) : titleDate(isoDate(89 - i))]));

    for (const d of expected.values()) {
      const bar = page.locator(`[data-component="api"] ol.bars > li[data-date="${d.date}"]`);
      await expect(bar, d.date).toHaveAttribute('data-level', d.level);
      // A day with degraded time but no downtime keeps level "ok" and gets its own tint.
      const shade = d.level === 'ok' && d.degradedS > 0 ? 'degraded' : d.level;
      await expect(bar).toHaveClass(new RegExp(`lvl-${shade}`));
      expect(Number(await bar.getAttribute('data-uptime'))).toBeCloseTo(d.uptime, 3);
      // The tooltip appears on keyboard focus and lists the minutes and the incidents of the day.
      await bar.focus();
      const tip = bar.locator('.tip');
      await expect(tip).toBeVisible();
      if (d.majorS) await expect(tip).toContainText(`Major outage ${Math.round(d.majorS / 60)} min`);
      if (d.partialS) await expect(tip).toContainText(`Partial outage ${Math.round(d.partialS / 60)} min`);
      if (d.degradedS) await expect(tip).toContainText(`Degraded ${Math.round(d.degradedS / 60)} min`);
      for (const title of d.titles) await expect(tip).toContainText(title);
    }
    // Every other day is plain: no shade class (green), no tooltip, title = date; plain means fully up by construction.
    const others = await bars.evaluateAll((els) => els.map((e) => [e.className, e.querySelector('.tip') === null, e.hasAttribute('tabindex')]));
    others.forEach(([cls, noTip, focusable], i) => {
      if (!expected.has(isoDate(89 - i))) expect([isoDate(89 - i), cls, noTip, focusable]).toEqual([isoDate(89 - i), '', true, false]);
    });
    // Levels have distinct colours; the colour is the same wherever the level is.
    const colours = await bars.evaluateAll((els) => els.map((e) => [e.className || 'lvl-ok', getComputedStyle(e).backgroundColor]));
    const byLevel = new Map<string, Set<string>>();
    for (const [level, colour] of colours) byLevel.set(level, (byLevel.get(level) ?? new Set()).add(colour));
    for (const set of byLevel.values()) expect(set.size).toBe(1);
    const distinct = new Set([...byLevel.values()].map((s) => [...s][0]));
    expect(distinct.size).toBe(byLevel.size);
  });

  test('the api 90-day uptime is computed with the 0.3 partial weight and truncated', async ({ page }) => {
    const uptime = page.locator('[data-component="api"] [data-span="90"] .uptime');
    const expected = expectedApiUptime();
    expect(Number(await uptime.getAttribute('data-uptime'))).toBeCloseTo(expected, 3);
    await expect(uptime).toHaveText(`${truncated(expected)} uptime`);
    expect(API_OUTAGES.some((o) => o.status === 'partial_outage')).toBe(true);
  });

  test('a component added 30 days ago shows no-data days before it existed, not 100 %', async ({ page }) => {
    const bars = page.locator('[data-component="docs"] ol.bars > li');
    const levels = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-level') ?? (e.className === 'lvl-nodata' ? 'nodata' : e.className === '' ? 'ok' : e.className)));
    // Started at noon 30 days ago: the 59 days before are "no data", its first half day counts.
    expect(levels.slice(0, 59)).toEqual(Array(59).fill('nodata'));
    expect(levels.slice(59)).toEqual(Array(31).fill('ok'));
    const first = bars.first();
    await expect(first).toHaveAttribute('title', `${titleDate(isoDate(89))}: No data`);
    await expect(first).not.toHaveAttribute('data-uptime');
    const grey = await first.evaluate((e) => getComputedStyle(e).backgroundColor);
    const [r, g, b] = grey.match(/\d+/g)!.map(Number);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(24); // grey, not a status colour
    await expect(page.locator('[data-component="docs"] [data-span="90"] .uptime')).toHaveText('100.00% uptime');
  });

  test('each status is shown by icon and text, and the description is a tooltip', async ({ page }) => {
    const api = page.locator('[data-component="api"]');
    await expect(api.locator('.status-text')).toHaveText('Operational');
    await expect(api.locator('svg.status-icon')).toHaveCount(1);
    const btn = page.getByRole('button', { name: 'About API' });
    await btn.focus();
    await expect(page.getByRole('tooltip')).toHaveText('Public REST API');
  });

  test('times are <time datetime> elements with the UTC time in the title', async ({ page }) => {
    const times = await page.locator('time').evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.getAttribute('title')]));
    expect(times.length).toBeGreaterThan(0);
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (const [dt, title] of times) {
      const d = new Date(dt!);
      expect(d.toISOString()).toBe(dt);
      const hh = String(d.getUTCHours()).padStart(2, '0');
      const mm = String(d.getUTCMinutes()).padStart(2, '0');
      expect(title).toBe(`${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hh}:${mm} UTC`);
    }
  });
});

test('the component page shows uptime over 24 h, 7, 30 and 90 days from the same history', async ({ page }) => {
  await page.goto('/components/api');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API');
  await expect(page.locator('#component-status .status-text')).toHaveText('Operational');
  for (const [window, days] of [['7d', 7], ['30d', 30], ['90d', 90]] as const) {
    await expect(page.locator(`dd[data-window="${window}"]`), window).toHaveText(truncated(expectedApiUptime(Date.now(), days), 3));
  }
  await expect(page.locator('dd[data-window="24h"]')).toHaveText('100.000%');
  await expect(page.locator('ol.bars > li')).toHaveCount(90);
  await expect(page.locator('article.incident')).toHaveCount(API_OUTAGES.length);
});
