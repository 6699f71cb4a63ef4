/** API key scopes against the built server: read = GET only, write = editor rights, admin = everything. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyScope } from '../domain/enums';
import { createUser } from '../server/services/users';
import { signInCookie } from './http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

let server: RunningServer;
const keys = {} as Record<ApiKeyScope | 'unscoped', string>;

beforeAll(async () => {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createUser(db, { email: 'admin@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'admin password');
  for (const scope of ['read', 'write', 'admin', 'unscoped'] as const) {
    const page = await fetch(`${server.baseURL}/admin/api-keys`, {
      method: 'POST',
      headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_action=create&name=${scope}${scope === 'unscoped' ? '' : `&scope=${scope}`}`,
    });
    keys[scope] = /data-testid="new-api-key">(sp_[^<]+)</.exec(await page.text())![1];
  }
});
afterAll(() => server?.stop());

const api = (scope: keyof typeof keys, path: string, method = 'GET', body?: unknown) =>
  fetch(`${server.baseURL}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${keys[scope]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const incident = { name: 'Scoped', impact: 'minor', status: 'investigating', body: 'Looking.' };

describe('API key scopes', () => {
  it.each(['read', 'unscoped'] as const)('a %s key reads but changes nothing (403 with a JSON error)', async (scope) => {
    expect((await api(scope, '/components')).status).toBe(200);
    const r = await api(scope, '/incidents', 'POST', incident);
    expect(r.status).toBe(403);
    expect((await r.json()).error.code).toBe('forbidden');
    expect((await api(scope, '/components', 'POST', { name: 'Nope' })).status).toBe(403);
    expect((await api(scope, '/sla/settings', 'PATCH', { sla_public: false })).status).toBe(403);
  });

  it('a write key has editor rights: incidents yes, components no', async () => {
    expect((await api('write', '/incidents', 'POST', incident)).status).toBe(201);
    expect((await api('write', '/components', 'POST', { name: 'Editor-made' })).status).toBe(403);
  });

  it('an admin key may do what an admin may', async () => {
    expect((await api('admin', '/components', 'POST', { name: 'Admin-made' })).status).toBe(201);
    expect((await api('admin', '/incidents', 'POST', incident)).status).toBe(201);
  });
});
