import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { createComponent } from '../services/components';
import { openDatabase } from '../db';

const A = { type: 'cli', name: 'test' } as const;
let server: RunningServer;
beforeAll(async () => {
  const dbPath = tempDbPath('statuspage-front-');
  seedDatabase(dbPath, (db) => createComponent(db, { name: 'API', slug: 'api' }, A, Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
});
afterAll(async () => {
  await server?.stop();
});

describe('the front cache layer', () => {
  it('renders once per change-counter value, says so in x-cache, and re-renders after another process writes', async () => {
    const get = () => fetch(`${server.baseURL}/components/api`);
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const second = await get();
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));

    const db = openDatabase(server.dbPath);
    createComponent(db, { name: 'Web', slug: 'web' }, A, Date.now());
    db.$client.close();
    await new Promise((r) => setTimeout(r, 300)); // the poller notices within ~50 ms
    const third = await get();
    expect(third.headers.get('x-cache')).toBe('miss');
    expect(third.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it.each(['/history?page=abc', '/history?page=%FF', '/incidents/abc', '/components/%00'])('%s is a 4xx, never a 500', async (path) => {
    const res = await fetch(`${server.baseURL}${path}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
