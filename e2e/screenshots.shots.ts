import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import { startAllPages } from './support/all-pages';

const OUT = path.resolve(import.meta.dirname, '../screenshots');

test('screenshots of every page', async ({ browser }) => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const pages = await startAllPages();
  try {
    for (const width of [360, 1280]) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const [signedIn, paths] of [[false, pages.anonymous], [true, pages.admin]] as const) {
          const ctx = await pages.context(browser, { viewport: { width, height: 800 }, colorScheme: scheme }, signedIn);
          const page = await ctx.newPage();
          for (const p of paths) {
            await page.goto(`${pages.server.baseURL}${p}`);
            const name = (p === '/' ? 'home' : p.slice(1).replace(/[^a-z0-9]+/gi, '-')) + `.${width}.${scheme}.png`;
            await page.screenshot({ path: path.join(OUT, name), fullPage: true });
          }
          await ctx.close();
        }
      }
    }
  } finally {
    await pages.server.stop();
  }
});
