/** The session cookie's flags and rotation, as a browser receives them. */
import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

async function boot(siteUrl?: string): Promise<RunningServer> {
  const dbPath = tempDbPath();
  seedDatabase(dbPath, (db) => createUser(db, { email: 'a@example.com', password: 'admin password', role: 'admin' }, cliActor('test'), Date.now()));
  const s = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', ...(siteUrl ? { SITE_URL: siteUrl } : {}) } });
  servers.push(s);
  return s;
}

const login = (s: RunningServer, cookie?: string) =>
  fetch(`${s.baseURL}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: s.baseURL, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: 'email=a%40example.com&password=admin%20password',
  });

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax and Secure when SITE_URL is https', async () => {
    const s = await boot('https://status.example.com');
    const res = await login(s);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^sp_session=[\w-]{40,};/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Secure/i);
    expect(set).toMatch(/Path=\//);
  });

  it('is not Secure over plain http, and is rotated at sign-in', async () => {
    const s = await boot();
    const first = (await login(s)).headers.get('set-cookie')!;
    expect(first).not.toMatch(/Secure/i);
    const cookie1 = first.split(';')[0];
    const second = (await login(s, cookie1)).headers.get('set-cookie')!.split(';')[0];
    expect(second).not.toBe(cookie1);
    const old = await fetch(`${s.baseURL}/admin`, { redirect: 'manual', headers: { cookie: cookie1 } });
    expect(old.status).toBe(303);
    const fresh = await fetch(`${s.baseURL}/admin`, { redirect: 'manual', headers: { cookie: second } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('cache-control')).toBe('private, no-store');
    const out = await fetch(`${s.baseURL}/admin/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: second, origin: s.baseURL } });
    expect(out.status).toBe(303);
    expect((await fetch(`${s.baseURL}/admin`, { redirect: 'manual', headers: { cookie: second } })).status).toBe(303);
  });
});
