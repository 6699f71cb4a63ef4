/** A server with the shared fixture plus one of everything an admin page lists, and a signed-in admin. */
import type { Browser, BrowserContext } from '@playwright/test';
import { createSession } from '../../src/server/auth/sessions';
import { saveBrandAsset, saveBranding } from '../../src/server/services/brand';
import { createMonitor } from '../../src/server/services/monitors';
import { createTemplate } from '../../src/server/services/templates';
import { createUser } from '../../src/server/services/users';
import { addSubscriber, queueTestMessage } from '../../src/server/services/webhooks';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../src/testing/server-harness';
import { E2E, seedFixture } from './fixture';
import { concrete, pageRoutes } from './page-list';

export interface AllPages {
  server: RunningServer;
  /** Pages seen signed out (public, sign-in, setup). */
  anonymous: string[];
  /** Pages seen as the admin. */
  admin: string[];
  context: (browser: Browser, opts: Parameters<Browser['newContext']>[0], signedIn: boolean) => Promise<BrowserContext>;
}

const PARAMS = { slug: 'api', id: '1' };
const PIXEL = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));

export async function startAllPages(): Promise<AllPages> {
  let token = '';
  const dbPath = tempDbPath('statuspage-e2e-pages-');
  seedDatabase(dbPath, (db) => {
    seedFixture(db);
    const u = createUser(db, { email: 'ops@example.com', password: 'correct horse battery', role: 'admin' }, E2E, Date.now());
    token = createSession(db, u.id, Date.now(), 3_600_000);
    createMonitor(db, { componentId: 1, name: 'API health', type: 'http', config: { url: 'https://example.com/health' }, paused: true }, E2E, Date.now());
    createTemplate(db, { name: 'Outage', title: 'Outage', body: 'Down.', impact: 'major' }, E2E, Date.now());
    // Branding set, so every page is also checked with a logo, a brand colour and footer links.
    saveBranding(db, { brandColor: '#2f81f7', footerLinks: [{ label: 'Docs', url: 'https://docs.example.com/' }, { label: 'Terms', url: 'https://example.com/terms' }] }, E2E, Date.now());
    saveBrandAsset(db, 'logo-light', 'image/png', PIXEL, E2E, Date.now());
    // A chat channel with a long URL and a test message queued, so /admin/webhooks is checked with rows in both tables.
    const slack = addSubscriber(db, { url: 'https://hooks.slack.com/services/T0000000000/B0000000000/abcdefghijklmnopqrstuvwx', format: 'slack', description: 'Ops channel', components: [1] }, E2E, Date.now());
    queueTestMessage(db, slack.id, E2E, Date.now());
  });
  const server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  const routes = pageRoutes();
  const signedOut = (r: string) => !r.startsWith('/admin') || r === '/admin/login' || r === '/admin/setup';
  return {
    server,
    anonymous: routes.filter(signedOut).map((r) => concrete(r, PARAMS)),
    admin: routes.filter((r) => !signedOut(r)).map((r) => concrete(r, PARAMS)),
    async context(browser, opts, signedIn) {
      const ctx = await browser.newContext(opts);
      if (signedIn) await ctx.addCookies([{ name: 'sp_session', value: token, url: server.baseURL }]);
      return ctx;
    },
  };
}
