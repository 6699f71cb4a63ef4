/** Operator accounts and API keys. */
import { and, eq, sql } from 'drizzle-orm';
import { setupTokens, users } from '../../../db/schema';
import type { Role } from '../../domain/enums';
import { emailProblem, normalizeEmail, passwordProblem } from '../../domain/credentials';
import { hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/sessions';
import { hashToken, newToken } from '../auth/tokens';
import { tx, type Db } from '../db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { systemActor, type Actor } from './actor';
import { revokeHeldKeys } from './api-keys';
import { recordAudit } from './journal';

export type UserRow = typeof users.$inferSelect;

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

/** `passwordHash` when the caller hashed already (off the event loop: see the verbs). */
export function createUser(db: Db, input: { email: string; password: string; role: Role; name?: string | null; passwordHash?: string }, actor: Actor, now: number): UserRow {
  const email = normalizeEmail(input.email);
  const bad = emailProblem(email);
  if (bad) throw new ValidationError(bad, { email: bad });
  const weak = passwordProblem(input.password);
  if (weak) throw new ValidationError(weak, { password: weak });
  const passwordHash = input.passwordHash ?? hashPassword(input.password);
  return tx(db, () => {
    if (findUserByEmail(db, email)) throw new ConflictError('A user with that email exists.', { email: 'A user with that email exists.' });
    const u = db.insert(users).values({ email, name: input.name ?? null, role: input.role, passwordHash, createdAt: now, updatedAt: now }).returning().get();
    recordAudit(db, now, actor, 'user.create', 'user', u.id, { after: { email, role: input.role } });
    return u;
  });
}

export function setPassword(db: Db, userId: number, password: string, actor: Actor, now: number, hashed?: string): void {
  const weak = passwordProblem(password);
  if (weak) throw new ValidationError(weak, { password: weak });
  const passwordHash = hashed ?? hashPassword(password);
  tx(db, () => {
    const u = db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).returning().get();
    if (!u) throw new NotFoundError('No such user.');
    deleteUserSessions(db, userId);
    recordAudit(db, now, actor, 'user.reset_password', 'user', userId, { note: u.email });
  });
}

export function updateUser(db: Db, userId: number, patch: { role?: Role; disabled?: boolean; name?: string | null }, actor: Actor, now: number): UserRow {
  return tx(db, () => {
    const before = db.select().from(users).where(eq(users.id, userId)).get();
    if (!before) throw new NotFoundError('No such user.');
    const after = db.update(users).set({ ...patch, updatedAt: now }).where(eq(users.id, userId)).returning().get();
    const admins = db.select({ n: sql<number>`count(*)` }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false))).get()?.n ?? 0;
    if (admins === 0) throw new ValidationError('At least one enabled admin must remain.');
    if (patch.disabled) deleteUserSessions(db, userId);
    // A disabled holder's keys are revoked for good: re-enabling the account does not bring them back.
    if (patch.disabled && !before.disabled) revokeHeldKeys(db, before, actor, now);
    recordAudit(db, now, actor, 'user.update', 'user', userId, { before: { role: before.role, disabled: before.disabled }, after: { role: after.role, disabled: after.disabled } });
    return after;
  });
}

/** Creates a one-time setup token for the first admin; returns the token (printed once). */
export function createSetupToken(db: Db, now: number, ttlMs = 60 * 60 * 1000): string {
  const token = newToken();
  db.insert(setupTokens).values({ tokenHash: hashToken(token), expiresAt: now + ttlMs }).run();
  return token;
}

/** Consumes a setup token to create the first admin. */
export function completeSetup(db: Db, token: string, input: { email: string; password: string }, now: number): UserRow {
  return tx(db, () => {
    const row = db.select().from(setupTokens).where(eq(setupTokens.tokenHash, hashToken(token))).get();
    if (!row || row.usedAt !== null || row.expiresAt < now || countUsers(db) > 0) {
      throw new ValidationError('This setup link is invalid or has expired. Restart the server for a new one.');
    }
    db.update(setupTokens).set({ usedAt: now }).where(eq(setupTokens.tokenHash, row.tokenHash)).run();
    return createUser(db, { ...input, role: 'admin' }, systemActor('setup'), now);
  });
}

export function isSetupTokenValid(db: Db, token: string, now: number): boolean {
  const row = db.select().from(setupTokens).where(eq(setupTokens.tokenHash, hashToken(token))).get();
  return !!row && row.usedAt === null && row.expiresAt >= now && countUsers(db) === 0;
}

export { authenticateApiKey, createApiKey, revokeApiKey } from './api-keys';
