import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Atlassian's own embeddable widget, unchanged, on another origin (localhost vs 127.0.0.1: both loopback, so
// Chromium's private-network rules allow the call and only CORS decides), pointed at our page.
// Chromium asks the user before a page reaches a loopback address; a test browser has no one to ask.
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessPermissionPrompt'] } });

// the package's browser bundle (dist/index.js is its CommonJS build)
const WIDGET = fs.readFileSync(path.resolve('node_modules/@statuspage/status-widget/dist/src.77de5100.js'), 'utf8');

test('@statuspage/status-widget shows our status from /api/v2/summary.json', async ({ page, baseURL, request }) => {
  const summary = await (await request.get('/api/v2/summary.json')).json();
  const host = baseURL!.replace('127.0.0.1', 'localhost');
  await page.route(`${host}/widget-host/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/widget-host/widget.js') return route.fulfill({ contentType: 'application/javascript', body: WIDGET });
    return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head></head><body><statuspage-widget src="${baseURL}"></statuspage-widget><script src="/widget-host/widget.js"></script></body></html>` });
  });
  const fetched = page.waitForResponse((r) => r.url() === `${baseURL}/api/v2/summary.json` && r.status() === 200);
  await page.goto(`${host}/widget-host/`);
  await fetched;
  await expect(page.locator('statuspage-widget')).toContainText(summary.status.description);
});
