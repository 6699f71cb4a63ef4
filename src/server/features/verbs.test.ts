/** Every verb enforces the permission table by itself, before it reads its input: no middleware involved. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { PERMISSIONS } from '../auth/permissions';
import type { Db } from '../db';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { actorFor, type Actor } from '../services/actor';
import { VERBS, type VerbContext } from './verb';

// Load every feature's verbs so the registry is complete.
const modules = import.meta.glob('./*/verbs.ts', { eager: true });

let db: Db;
beforeAll(() => {
  db = freshDb();
});
afterAll(() => db.$client.close());

const anonymous = actorFor({ user: null, apiKey: null, ip: '198.51.100.7' });
const editor = actorFor({ user: { id: 2, email: 'ed@example.com', role: 'editor' }, apiKey: null, ip: '198.51.100.8' });
const admin = actorFor({ user: { id: 1, email: 'ad@example.com', role: 'admin' }, apiKey: null, ip: '198.51.100.9' });
const ctxOf = (actor: Actor): VerbContext => ({ db, now: Date.now(), actor });

async function outcome(name: string, actor: Actor, input: unknown = {}): Promise<unknown> {
  try {
    await VERBS.get(name)!(ctxOf(actor), input);
    return null;
  } catch (err) {
    return err;
  }
}

const names = () => [...VERBS.keys()].sort();

describe('the verb registry', () => {
  it('holds the verbs of every feature', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(2);
    expect(VERBS.size).toBeGreaterThanOrEqual(15);
  });

  it('names a permission of the table for every verb', () => {
    for (const [name, verb] of VERBS) expect(PERMISSIONS.has(verb.permission), name).toBe(true);
  });
});

describe.each(['anonymous', 'editor', 'admin'] as const)('called directly by %s', (who) => {
  const actor = { anonymous, editor, admin }[who];
  it('each verb allows or refuses exactly as the permission table says', async () => {
    for (const name of names()) {
      const needed = PERMISSIONS.get(VERBS.get(name)!.permission);
      const err = await outcome(name, actor);
      if (needed === 'anyone') expect(err, name).not.toBeInstanceOf(UnauthorizedError);
      else if (who === 'anonymous') expect(err, name).toBeInstanceOf(UnauthorizedError);
      else if (who === 'editor' && needed === 'admin') expect(err, name).toBeInstanceOf(ForbiddenError);
      else {
        expect(err, name).not.toBeInstanceOf(UnauthorizedError);
        expect(err, name).not.toBeInstanceOf(ForbiddenError);
      }
    }
  });
});

describe('permission before input', () => {
  it('refuses an anonymous caller even with valid input, and writes nothing', async () => {
    const before = db.select().from(auditLog).all().length;
    const err = await outcome('incident.create', anonymous, { name: 'Outage', impact: 'major', status: 'investigating', body: 'Down.' });
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(db.select().from(auditLog).all().length).toBe(before);
  });

  it('an editor cannot create a component or a user even with valid input', async () => {
    expect(await outcome('component.create', editor, { name: 'API' })).toBeInstanceOf(ForbiddenError);
    expect(await outcome('user.create', editor, { email: 'x@example.com', role: 'admin', password: 'correct horse battery staple' })).toBeInstanceOf(ForbiddenError);
  });

  it('records the real actor and IP of an allowed write', async () => {
    expect(await outcome('component.create', admin, { name: 'API' })).toBeNull();
    expect(await outcome('incident.create', editor, { name: 'Slow API', impact: 'minor', status: 'investigating', body: 'Looking.', components: { api: 'degraded_performance' } })).toBeNull();
    const last = db.select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
    expect(last).toMatchObject({ action: 'incident.create', actorType: 'user', actorName: 'ed@example.com', ip: '198.51.100.8' });
  });
});
