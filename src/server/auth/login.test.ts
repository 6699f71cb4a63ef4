import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, loginAttempts, sessions, users } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { RateLimitedError, ValidationError } from '../errors';
import { createUser, setPassword, updateUser } from '../services/users';
import { checkLoginAllowed, signIn } from './login';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { deleteUserSessions, validateSession } from './sessions';
import { systemActor } from '../services/actor';

const T0 = Date.UTC(2026, 10, 1, 12);
const IDLE = 60 * 60_000;
const SYS = systemActor('test');
let db: Db;

beforeEach(() => {
  db = freshDb();
  createUser(db, { email: 'Ops@Example.com', password: 'correct horse battery', role: 'editor' }, SYS, T0);
});

const storedHash = () => db.select().from(users).where(eq(users.email, 'ops@example.com')).get()!.passwordHash;
let lastWait = 0;

/** Retries the right password every 500 ms of test clock until the account's delay has passed; returns that time. */
async function waitOut(from: number, ip: string): Promise<number> {
  for (let t = from; ; t += 500) {
    try {
      checkLoginAllowed(db, 'ops@example.com', ip, t);
      lastWait = Math.round((t - from) / 1000) * 1000;
      return t;
    } catch (err) {
      expect(err).toBeInstanceOf(RateLimitedError);
    }
  }
}

const attempt = (password: string, at: number, ip = '10.0.0.1', email = 'ops@example.com', previousSessionId: string | null = null) =>
  signIn(db, { email, password, ip, previousSessionId }, at, IDLE);

describe('signIn', () => {
  it('opens a session for the right password (email case-insensitive) and audits it', async () => {
    const { token } = await attempt('correct horse battery', T0, '10.0.0.1', 'OPS@example.com');
    expect(validateSession(db, token, T0 + 1000, IDLE)?.user.email).toBe('ops@example.com');
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'user.login')).all()).toHaveLength(1);
  });

  it('refuses a wrong password with a field message', async () => {
    await expect(attempt('wrong password!', T0)).rejects.toMatchObject({ status: 401, fields: { password: 'Wrong email or password.' } });
    await expect(attempt('wrong password!', T0)).rejects.toBeInstanceOf(ValidationError);
  });

  it('rotates the session at sign-in: the previous session stops working', async () => {
    const first = await attempt('correct horse battery', T0);
    const firstId = validateSession(db, first.token, T0, IDLE)!.id;
    const second = await attempt('correct horse battery', T0 + 1000, '10.0.0.1', 'ops@example.com', firstId);
    expect(validateSession(db, first.token, T0 + 2000, IDLE)).toBeNull();
    expect(validateSession(db, second.token, T0 + 2000, IDLE)).not.toBeNull();
  });

  it('expires a session after inactivity', async () => {
    const { token } = await attempt('correct horse battery', T0);
    expect(validateSession(db, token, T0 + IDLE - 1, IDLE)).not.toBeNull();
    expect(validateSession(db, token, T0 + 2 * IDLE, IDLE)).toBeNull();
  });

  it('signs out everywhere, and on password reset or disable', async () => {
    const a = await attempt('correct horse battery', T0);
    const b = await attempt('correct horse battery', T0 + 1, '10.0.0.2');
    const userId = validateSession(db, a.token, T0 + 2, IDLE)!.user.id;
    deleteUserSessions(db, userId);
    expect(validateSession(db, a.token, T0 + 3, IDLE)).toBeNull();
    expect(validateSession(db, b.token, T0 + 3, IDLE)).toBeNull();
    const c = await attempt('correct horse battery', T0 + 4);
    setPassword(db, userId, 'another long password', SYS, T0 + 5);
    expect(validateSession(db, c.token, T0 + 6, IDLE)).toBeNull();
    createUser(db, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, SYS, T0);
    const d = await attempt('another long password', T0 + 7);
    updateUser(db, userId, { disabled: true }, SYS, T0 + 8);
    expect(validateSession(db, d.token, T0 + 9, IDLE)).toBeNull();
    await expect(attempt('another long password', T0 + 10)).rejects.toBeInstanceOf(ValidationError);
  });

  it('slows an account down with a growing delay after 5 failures from any IP, without checking the password', async () => {
    let t = T0;
    for (let i = 0; i < 5; i++) await expect(attempt('nope nope nope', t++, `10.0.1.${i}`)).rejects.toBeInstanceOf(ValidationError);
    // 5 failures: 1 s to wait; even the right password is not checked during it, and the refusal is not counted.
    await expect(attempt('correct horse battery', t, '10.9.9.9')).rejects.toThrow(/for this account\. Try again in 1 s/);
    await expect(attempt('correct horse battery', t + 10, '10.9.9.9')).rejects.toBeInstanceOf(RateLimitedError);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      t = await waitOut(t, `10.0.5.${i}`);
      delays.push(lastWait);
      await expect(attempt('still wrong pw', t, `10.0.5.${i}`)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    // 9 failures: 16 s; after it passes, the right password from yet another IP works.
    await expect(attempt('correct horse battery', t + 15_999, '10.9.9.8')).rejects.toThrow(/Try again in 1 s/);
    expect((await attempt('correct horse battery', t + 16_000, '10.9.9.8')).token).toBeTruthy();
    // The success cleared the account's failures.
    await expect(attempt('nope nope nope', t + 16_001, '10.9.9.7')).rejects.toBeInstanceOf(ValidationError);
    expect((await attempt('correct horse battery', t + 16_002, '10.9.9.6')).token).toBeTruthy();
  });

  it('never locks the account for longer than the cap, however many failures', async () => {
    const ins = db.$client.prepare('INSERT INTO login_attempts (key, at) VALUES (?, ?)');
    for (let i = 0; i < 500; i++) ins.run('account:ops@example.com', T0 - 1000 + i);
    await expect(attempt('correct horse battery', T0, '10.9.9.9')).rejects.toThrow(/Try again in 15 min/);
    expect((await attempt('correct horse battery', T0 - 501 + 15 * 60_000, '10.9.9.9')).token).toBeTruthy();
  });

  it('upgrades a hash made at an older scrypt cost at the next successful sign-in', async () => {
    const old = hashPassword('correct horse battery', { N: 2 ** 14, r: 8, p: 1 });
    db.update(users).set({ passwordHash: old }).where(eq(users.email, 'ops@example.com')).run();
    await expect(attempt('wrong password!', T0)).rejects.toBeInstanceOf(ValidationError);
    expect(storedHash()).toBe(old);
    await attempt('correct horse battery', T0 + 1);
    const upgraded = storedHash();
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(upgraded)).toBe(false);
    expect(await verifyPassword('correct horse battery', upgraded)).toBe(true);
  });

  it('rate-limits an IP that tries many accounts', async () => {
    for (let i = 0; i < 5; i++) await expect(attempt('x'.repeat(12), T0 + i, '10.0.0.7', `user${i}@example.com`)).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt('correct horse battery', T0 + 10, '10.0.0.7')).rejects.toBeInstanceOf(RateLimitedError);
    expect((await attempt('correct horse battery', T0 + 10, '10.0.0.8')).token).toBeTruthy();
  });

  it('counts a whole IPv6 /64 as one client, IPv4-mapped addresses as their IPv4', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 5; i++) await expect(attempt('x'.repeat(12), T0 + i, `2001:db8:7:7::${i + 1}`, `user${i}@example.com`)).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt('correct horse battery', T0 + 10, '2001:db8:7:7:ffff:1:2:3')).rejects.toBeInstanceOf(RateLimitedError);
    expect((await attempt('correct horse battery', T0 + 10, '2001:db8:7:8::1')).token).toBeTruthy();
    for (let i = 0; i < 5; i++) await expect(attempt('x'.repeat(12), T0 + 20 + i, '10.0.9.9', `user${i}@example.com`)).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt('correct horse battery', T0 + 30, '::ffff:10.0.9.9')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('a browser that signed in before meets only its own delay: strangers cannot delay it, its own guesses are slowed', { timeout: 120_000 }, async () => {
    const { deviceToken } = await attempt('correct horse battery', T0, '10.0.5.1');
    const fromDevice = (password: string, at: number, email = 'ops@example.com') => signIn(db, { email, password, ip: '10.0.5.1', deviceToken: () => deviceToken }, at, IDLE);
    for (let i = 0; i < 5; i++) await expect(attempt('nope nope nope', T0 + 10 + i, '10.0.5.1')).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt('correct horse battery', T0 + 20, '10.0.5.9')).rejects.toBeInstanceOf(RateLimitedError);
    await expect(attempt('correct horse battery', T0 + 20, '10.0.5.1')).rejects.toBeInstanceOf(RateLimitedError);
    expect((await fromDevice('correct horse battery', T0 + 20)).token).toBeTruthy();
    await expect(attempt('correct horse battery', T0 + 21, '10.0.5.9')).rejects.toBeInstanceOf(RateLimitedError);
    for (let i = 0; i < 5; i++) await expect(fromDevice('nope nope nope', T0 + 30 + i)).rejects.toBeInstanceOf(ValidationError);
    await expect(fromDevice('correct horse battery', T0 + 36)).rejects.toThrow(/from this browser/);
    createUser(db, { email: 'other@example.com', password: 'correct horse battery', role: 'editor' }, SYS, T0);
    for (let i = 0; i < 6; i++) db.insert(loginAttempts).values({ key: 'account:other@example.com', at: T0 + 40 + i }).run();
    await expect(fromDevice('correct horse battery', T0 + 50, 'other@example.com')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('a success clears the account counter', async () => {
    for (let i = 0; i < 4; i++) await expect(attempt('nope nope nope', T0 + i, `10.0.2.${i}`)).rejects.toBeInstanceOf(ValidationError);
    await attempt('correct horse battery', T0 + 10, '10.0.3.1');
    await expect(attempt('nope nope nope', T0 + 11, '10.0.3.2')).rejects.toBeInstanceOf(ValidationError);
    expect((await attempt('correct horse battery', T0 + 12, '10.0.3.3')).token).toBeTruthy();
    expect(db.select().from(sessions).all().length).toBe(2);
  });
});
