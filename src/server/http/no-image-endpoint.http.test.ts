/** Astro's /_image endpoint against the built server: nothing uses it, so every request for it is a plain 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';

let server: RunningServer;

beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-image-');
  seedDatabase(dbPath);
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(() => server?.stop());

describe('/_image', () => {
  it.each(['png', 'webp', 'avif', 'jpeg', 'svg'])('answers the not-found page, never an image or a 500, for f=%s', async (f) => {
    const r = await fetch(`${server.baseURL}/_image?href=/favicon.svg&f=${f}&w=64`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await r.text()).toContain('<title>Not found');
  });

  it.each([['GET', '/_image'], ['HEAD', '/_image?href=/favicon.svg'], ['GET', '/_image?href=https://example.com/a.png&f=png']])('%s %s is 404', async (method, target) => {
    expect((await fetch(server.baseURL + target, { method })).status).toBe(404);
  });

  it('leaves the shared not-found page whole for other unknown paths', async () => {
    await fetch(`${server.baseURL}/_image?href=/favicon.svg&f=png`);
    const r = await fetch(`${server.baseURL}/no-such-page-after-image`);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('<title>Not found');
  });
});
