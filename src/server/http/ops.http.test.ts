/** Operations against the built server: HTTPS-only headers, the frame-ancestors allow-list, structured logs. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createComponent } from '../services/components';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { cliActor } from '../services/actor';

let server: RunningServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function seeded(): string {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createComponent(db, { name: 'API' }, cliActor('test'), Date.now()));
  return dbPath;
}

describe('served over HTTPS behind a proxy', () => {
  it('sends Strict-Transport-Security and allows framing only by the configured origins', async () => {
    server = await startServer({ dbPath: seeded(), env: { SITE_URL: 'https://status.example.com', FRAME_ANCESTORS: 'https://intranet.example.com' } });
    for (const path of ['/', '/badge.svg', '/admin/login']) {
      const res = await fetch(server.baseURL + path);
      expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'self' https://intranet.example.com");
      expect(res.headers.get('x-frame-options'), path).toBeNull();
    }
  });
});

describe('structured logs', () => {
  it('writes one JSON line per request at LOG_LEVEL=info', async () => {
    server = await startServer({ dbPath: seeded(), env: { LOG_LEVEL: 'info' } });
    await fetch(server.baseURL + '/');
    await fetch(server.baseURL + '/');
    await fetch(server.baseURL + '/history?page=abc');
    await vi.waitFor(() => expect(server!.output().match(/"msg":"request"/g)).toHaveLength(3));
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; msg: string; path?: string; status?: number; ms?: number });
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((r) => [r.path, r.status])).toEqual([
      ['/', 200],
      ['/', 200],
      ['/history?page=abc', 400],
    ]);
    for (const r of requests) expect(typeof r.ms).toBe('number');
  });

  it('keeps request lines out at LOG_LEVEL=warn', async () => {
    server = await startServer({ dbPath: seeded(), env: { LOG_LEVEL: 'warn' } });
    await fetch(server.baseURL + '/');
    await new Promise((r) => setTimeout(r, 200));
    expect(server.output()).not.toContain('"msg":"request"');
  });
});
