import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import { startAllPages, type AllPages } from './support/all-pages';
import { pageRoutes } from './support/page-list';

let pages: AllPages;
test.beforeAll(async () => {
  pages = await startAllPages();
});
test.afterAll(() => pages?.server.stop());

test('the page list is read from src/pages and covers public and admin pages', () => {
  const routes = pageRoutes();
  expect(routes).toEqual(expect.arrayContaining(['/', '/history', '/incidents/[id]', '/admin', '/admin/incidents/[id]', '/admin/users']));
  expect(pages.anonymous.length + pages.admin.length).toBe(routes.length);
});

async function problemsOn(browser: Browser, paths: string[], width: number, scheme: 'light' | 'dark', signedIn: boolean): Promise<string[]> {
  const ctx = await pages.context(browser, { viewport: { width, height: 800 }, colorScheme: scheme }, signedIn);
  const page = await ctx.newPage();
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(`${pages.server.baseURL}${path}`);
    await page.locator('details:not([open])').evaluateAll((els) => els.forEach((e) => e.setAttribute('open', '')));
    const [scroll, inner] = await page.evaluate(() => [document.scrollingElement!.scrollWidth, window.innerWidth]);
    if (scroll > inner) problems.push(`${path}: ${scroll}px wide at ${inner}px`);
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations) problems.push(`${path}: axe ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }
  await ctx.close();
  return problems;
}

for (const width of [320, 360, 1280]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`every page fits ${width} px with no axe violations (${scheme})`, async ({ browser }) => {
      test.setTimeout(240_000);
      const problems = [...(await problemsOn(browser, pages.anonymous, width, scheme, false)), ...(await problemsOn(browser, pages.admin, width, scheme, true))];
      expect(problems).toEqual([]);
    });
  }
}
