import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../../db/schema';
import { LOGIN_WINDOW_MS } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { RateLimitedError, ValidationError } from '../errors';
import { createUser, setPassword, updateUser } from '../services/users';
import { signIn } from './login';
import { deleteUserSessions, validateSession } from './sessions';

const T0 = Date.UTC(2026, 10, 1, 12);
const IDLE = 60 * 60_000;
const SYS = { type: 'system' as const, name: 'test' };
let db: Db;

beforeEach(() => {
  db = freshDb();
  createUser(db, { email: 'Ops@Example.com', password: 'correct horse battery', role: 'editor' }, SYS, T0);
});

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

  it('rate-limits an account after 5 failures in 15 minutes, even with the right password, from any IP', async () => {
    for (let i = 0; i < 5; i++) await expect(attempt('nope nope nope', T0 + i, `10.0.1.${i}`)).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt('correct horse battery', T0 + 10, '10.9.9.9')).rejects.toThrow(/Too many failed sign-ins\. Try again in 15 minutes/);
    await expect(attempt('correct horse battery', T0 + 10, '10.9.9.9')).rejects.toBeInstanceOf(RateLimitedError);
    const ok = await attempt('correct horse battery', T0 + LOGIN_WINDOW_MS + 10, '10.9.9.9');
    expect(ok.token).toBeTruthy();
  });

  it('rate-limits an IP that tries many accounts', async () => {
    for (let i = 0; i < 5; i++) await expect(attempt('x'.repeat(12), T0 + i, '10.0.0.7', `user${i}@example.com`)).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt('correct horse battery', T0 + 10, '10.0.0.7')).rejects.toBeInstanceOf(RateLimitedError);
    expect((await attempt('correct horse battery', T0 + 10, '10.0.0.8')).token).toBeTruthy();
  });

  it('a success clears the account counter', async () => {
    for (let i = 0; i < 4; i++) await expect(attempt('nope nope nope', T0 + i, `10.0.2.${i}`)).rejects.toBeInstanceOf(ValidationError);
    await attempt('correct horse battery', T0 + 10, '10.0.3.1');
    await expect(attempt('nope nope nope', T0 + 11, '10.0.3.2')).rejects.toBeInstanceOf(ValidationError);
    expect((await attempt('correct horse battery', T0 + 12, '10.0.3.3')).token).toBeTruthy();
    expect(db.select().from(sessions).all().length).toBe(2);
  });
});
