/** `npm run admin` (dist/cli/admin.mjs) against a temp database: users and API keys. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys, auditLog, users } from '../../db/schema';
import type { Db } from '../server/db';
import { verifyPassword } from '../server/auth/password';
import { authenticateApiKey } from '../server/services/users';
import { seedDatabase, tempDbPath } from '../testing/server-harness';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/admin.mjs');
const dbPath = tempDbPath('statuspage-cli-');
seedDatabase(dbPath);

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const read = <T>(fn: (db: Db) => T): T => {
  let out!: T;
  seedDatabase(dbPath, (db) => (out = fn(db)));
  return out;
};

describe('admin CLI', () => {
  it('creates a user with a generated password printed once, and refuses a duplicate or a bad role', async () => {
    const r = run(['user', 'create', 'Ops@Example.com', '--role', 'editor']);
    expect(r.code).toBe(0);
    const pw = /Password \(shown once\): (\S+)/.exec(r.out)![1];
    const u = read((db) => db.select().from(users).where(eq(users.email, 'ops@example.com')).get())!;
    expect(u.role).toBe('editor');
    expect(await verifyPassword(pw, u.passwordHash)).toBe(true);
    expect(run(['user', 'create', 'ops@example.com', '--role', 'editor']).code).toBe(2);
    expect(run(['user', 'create', 'x@example.com', '--role', 'root']).err).toMatch(/--role must be admin or editor/);
  });

  it('resets a password from stdin', async () => {
    const r = run(['user', 'reset-password', 'ops@example.com', '--password-stdin'], 'a brand new password\n');
    expect(r.code).toBe(0);
    const u = read((db) => db.select().from(users).where(eq(users.email, 'ops@example.com')).get())!;
    expect(await verifyPassword('a brand new password', u.passwordHash)).toBe(true);
    expect(run(['user', 'reset-password', 'nobody@example.com']).code).toBe(2);
    expect(run(['user', 'reset-password', 'ops@example.com', '--password-stdin'], 'short\n').err).toMatch(/at least 10/);
  });

  it('creates an API key shown once and revokes it by name', () => {
    const r = run(['apikey', 'create', 'nagios']);
    expect(r.code).toBe(0);
    const key = /(sp_\S+)/.exec(r.out)![1];
    expect(read((db) => authenticateApiKey(db, key, Date.now()))?.name).toBe('nagios');
    expect(read((db) => db.select().from(apiKeys).all()).some((k) => k.keyHash.includes(key))).toBe(false);
    expect(run(['apikey', 'revoke', 'nagios']).code).toBe(0);
    expect(read((db) => authenticateApiKey(db, key, Date.now()))).toBeNull();
    expect(run(['apikey', 'revoke', 'nagios']).code).toBe(2);
    const actions = read((db) => db.select().from(auditLog).all()).map((a) => `${a.actorType}:${a.action}`);
    expect(actions).toEqual(expect.arrayContaining(['cli:user.create', 'cli:user.reset_password', 'cli:apikey.create', 'cli:apikey.revoke']));
  });

  it('prints usage for unknown commands', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage:/);
  });
});
