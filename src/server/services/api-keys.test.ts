/** Key holders against a real database: stored holder, keys made before holders were stored, console keys. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, users } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { actorFor, CLI, type Actor } from './actor';
import { authenticateApiKey, createApiKey, createUser, updateUser } from './users';

const NOW = Date.UTC(2026, 11, 7, 12);
let db: Db;
let ana: number;
let anaActor: Actor;
beforeAll(() => {
  db = freshDb();
  ana = createUser(db, { email: 'ana@example.com', password: 'ana long password', role: 'admin' }, CLI, NOW).id;
  createUser(db, { email: 'bo@example.com', password: 'bo long password', role: 'admin' }, CLI, NOW);
  anaActor = actorFor({ user: { id: ana, email: 'ana@example.com', role: 'admin' }, apiKey: null, ip: null });
});
afterAll(() => db.$client.close());

const holderOf = (key: string) => authenticateApiKey(db, key, NOW)?.holder ?? null;

describe('API key holders', () => {
  it('a key made by a user is held by them; a key made by that key too; a console key by the console', () => {
    const { key, row } = createApiKey(db, 'ana-1', anaActor, NOW);
    expect(row.ownerUserId).toBe(ana);
    const viaKey = actorFor({ user: null, apiKey: { id: row.id, name: row.name, scope: 'admin', holder: holderOf(key)!, holderUserId: row.ownerUserId }, ip: null });
    expect(createApiKey(db, 'ana-2', viaKey, NOW).row.ownerUserId).toBe(ana);
    expect(holderOf(createApiKey(db, 'console', CLI, NOW).key)).toEqual({ kind: 'console' });
  });

  it('a key made before holders were stored follows the user its created_by names', () => {
    const { key, row } = createApiKey(db, 'legacy', CLI, NOW);
    db.update(apiKeys).set({ createdBy: 'ana@example.com', ownerUserId: null }).where(eq(apiKeys.id, row.id)).run();
    expect(holderOf(key)).toEqual({ kind: 'user', role: 'admin', disabled: false });
  });

  it('a key whose holder row is gone is refused', () => {
    const bo = createUser(db, { email: 'cy@example.com', password: 'cy long password', role: 'admin' }, CLI, NOW);
    const { key } = createApiKey(db, 'cy-1', actorFor({ user: { id: bo.id, email: bo.email, role: 'admin' }, apiKey: null, ip: null }), NOW);
    db.delete(users).where(eq(users.id, bo.id)).run();
    expect(authenticateApiKey(db, key, NOW)).toBeNull();
  });

  it('disabling the holder revokes every key they hold (stored or legacy), and none of anyone else', () => {
    updateUser(db, ana, { role: 'admin', disabled: true }, CLI, NOW + 1);
    const active = db.select().from(apiKeys).all().filter((k) => k.revokedAt === null).map((k) => k.name);
    // cy-1 is unusable already (its holder is gone), but only a disable revokes.
    expect(active.sort()).toEqual(['console', 'cy-1']);
  });
});
