/** Sign-in through the built server: old hashes upgraded, `next` never leaves the site, per-account delay, device cookies. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/auth/password';
import { createUser } from '../server/services/users';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from './server-harness';
import { cliActor } from '../server/services/actor';

const PASSWORD = 'correct horse battery';
let server: RunningServer;
let dbPath: string;

beforeAll(async () => {
  dbPath = tempDbPath('statuspage-signin-');
  seedDatabase(dbPath, (db) => {
    const actor = cliActor('test');
    for (const email of ['old@example.com', 'ops@example.com', 'slow@example.com', 'oncall@example.com', 'other@example.com']) createUser(db, { email, password: PASSWORD, role: 'editor' }, actor, Date.now());
    db.$client.prepare('UPDATE users SET password_hash = ? WHERE email = ?').run(hashPassword(PASSWORD, { N: 2 ** 14, r: 8, p: 1 }), 'old@example.com');
  });
  // TRUST_PROXY lets the test speak from several client addresses through X-Forwarded-For.
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', TRUST_PROXY: '1' } });
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

function signIn(email: string, password: string, ip: string, next?: string, cookie?: string): Promise<Response> {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  return fetch(`${server.baseURL}/admin/login${query}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ email, password }),
  });
}

const storedHash = (email: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT password_hash FROM users WHERE email = ?').pluck().get(email) as string;
  } finally {
    db.close();
  }
};

const userIdOf = (email: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT id FROM users WHERE email = ?').pluck().get(email) as number;
  } finally {
    db.close();
  }
};

const cookieOf = (res: Response) => /sp_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
/** The device cookie a successful sign-in sets (name=value), and its attributes. */
const deviceOf = (res: Response) => {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('sp_device_'));
  expect(set, 'a device cookie').toBeDefined();
  return { cookie: set!.split(';')[0], attributes: set!.toLowerCase() };
};
/** Strangers' failed sign-ins from elsewhere, just now (a fixture: waiting out each delay would take hours). */
function strangerFailures(email: string, n: number): void {
  const db = new Database(dbPath);
  try {
    const insert = db.prepare('INSERT INTO login_attempts (key, at) VALUES (?, ?)');
    for (let i = 0; i < n; i++) insert.run(`account:${email}`, Date.now());
  } finally {
    db.close();
  }
}

describe('sign-in', () => {
  it('upgrades a hash made at the old scrypt cost at the next successful sign-in', async () => {
    expect(storedHash('old@example.com')).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect((await signIn('old@example.com', 'not the password', '10.1.0.1')).status).toBe(401);
    expect(storedHash('old@example.com')).toMatch(/^scrypt\$16384\$/);
    expect((await signIn('old@example.com', PASSWORD, '10.1.0.2')).status).toBe(303);
    expect(storedHash('old@example.com')).toMatch(/^scrypt\$131072\$8\$1\$/);
    // The upgraded hash keeps working.
    expect((await signIn('old@example.com', PASSWORD, '10.1.0.3')).status).toBe(303);
  });

  const OFF_SITE = [
    'https://evil.example/',
    '//evil.example/',
    '///evil.example/',
    '/\\evil.example/',
    '\\\\evil.example/',
    '/\t/evil.example/',
    '/%09/evil.example/',
    '/%2F/evil.example/',
    '/%5Cevil.example/',
    '\t//evil.example/',
    ' //evil.example/',
    '/\n/evil.example/',
    'javascript:alert(1)',
    'evil.example',
  ];

  it('after signing in, sends an off-site `next` to /admin and a local one where it points', async () => {
    const first = await signIn('ops@example.com', PASSWORD, '10.2.0.1', '/\t/evil.example/');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin');
    const viaPost = await signIn('ops@example.com', PASSWORD, '10.2.0.2', '/admin/incidents/new?x=1');
    expect(viaPost.headers.get('location')).toBe('/admin/incidents/new?x=1');
    // Signed in, GET /admin/login redirects to `next` at once: every spelling, including the raw query of the issue.
    const cookie = cookieOf(viaPost);
    const go = async (query: string) => (await fetch(`${server.baseURL}/admin/login?${query}`, { redirect: 'manual', headers: { cookie } })).headers.get('location');
    expect(await go('next=%2F%09%2Fevil.example%2F')).toBe('/admin');
    for (const next of OFF_SITE) expect(await go(`next=${encodeURIComponent(next)}`), JSON.stringify(next)).toBe('/admin');
    expect(await go(`next=${encodeURIComponent('/admin/users')}`)).toBe('/admin/users');
  });

  it('slows an account down after 5 failures from 5 addresses; the right password from another works once the delay passed', { timeout: 90_000 }, async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('slow@example.com', `wrong guess ${i}`, `10.3.0.${i}`)).status).toBe(401);
    // The delay counts from the failure's request time, so on a loaded machine a slow scrypt can outlast the
    // first 1 s delay: keep guessing until the account refuses (the delay doubles each time).
    let refused: Response | null = null;
    for (let i = 5; i < 12 && !refused; i++) {
      const res = await signIn('slow@example.com', `wrong guess ${i}`, `10.3.0.${i}`);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(401);
    }
    expect(refused).not.toBeNull();
    expect(await refused!.text()).toMatch(/Too many failed sign-ins for this account\. Try again in \d+ s\./);
    expect((await signIn('slow@example.com', PASSWORD, '10.3.1.1')).status).toBe(429);
    const started = Date.now();
    let res: Response;
    for (let i = 0; ; i++) {
      res = await signIn('slow@example.com', PASSWORD, `10.3.2.${i % 250}`);
      if (res.status !== 429) break;
      expect(Date.now() - started).toBeLessThan(70_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(res.status).toBe(303);
    expect(cookieOf(res)).toBeTruthy();
  });

  it('keeps the strict per-IP limit: 5 failures from one address, then even another account is refused there', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(`nobody${i}@example.com`, 'wrong guess', '10.4.0.1')).status).toBe(401);
    const refused = await signIn('ops@example.com', PASSWORD, '10.4.0.1');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Try again in 15 minutes/);
    expect((await signIn('ops@example.com', PASSWORD, '10.4.0.2')).status).toBe(303);
  });

  it('lets a browser that signed in to the account before in with the right password, whatever strangers did meanwhile', { timeout: 90_000 }, async () => {
    const first = await signIn('oncall@example.com', PASSWORD, '10.5.0.1');
    expect(first.status).toBe(303);
    const device = deviceOf(first);
    expect(device.attributes).toMatch(/httponly/);
    expect(device.attributes).toMatch(/path=\/admin\/login/);
    // a stranger on the operator's own network spends its per-IP limit; strangers elsewhere failed many more times
    for (let i = 0; i < 5; i++) expect((await signIn('oncall@example.com', `wrong guess ${i}`, '10.5.0.1')).status).toBe(401);
    strangerFailures('oncall@example.com', 8);
    const locked = await signIn('oncall@example.com', PASSWORD, '10.5.2.1');
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Too many failed sign-ins for this account\. Try again in \d+ min\./);
    expect((await signIn('oncall@example.com', PASSWORD, '10.5.0.1')).status).toBe(429);
    // the operator's browser is not delayed, from the same network or any other, and gets a fresh device cookie
    const back = await signIn('oncall@example.com', PASSWORD, '10.5.0.1', undefined, device.cookie);
    expect(back.status).toBe(303);
    expect((await signIn('oncall@example.com', PASSWORD, '10.5.3.1', undefined, deviceOf(back).cookie)).status).toBe(303);
    // strangers are still held (the operator's sign-in clears only its own browser's failures), and so is a forged cookie
    expect((await signIn('oncall@example.com', PASSWORD, '10.5.3.2')).status).toBe(429);
    const forged = device.cookie.replace(/\.[A-Za-z0-9_-]{43}$/, `.${'A'.repeat(43)}`);
    expect(forged).not.toBe(device.cookie);
    expect((await signIn('oncall@example.com', PASSWORD, '10.5.3.3', undefined, forged)).status).toBe(429);
    // a device cookie is for its own account only, under any cookie name
    strangerFailures('other@example.com', 13);
    expect((await signIn('other@example.com', PASSWORD, '10.5.5.2', undefined, device.cookie)).status).toBe(429);
    const renamed = device.cookie.replace(/^sp_device_\d+/, `sp_device_${userIdOf('other@example.com')}`);
    expect((await signIn('other@example.com', PASSWORD, '10.5.5.3', undefined, renamed)).status).toBe(429);
  });
});
