/** Users against a real database: the one credential rule (src/domain/credentials.ts) decides what createUser stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import { CLI } from './actor';
import { countUsers, createUser } from './users';

const NOW = Date.UTC(2026, 11, 7, 12);
let db: Db;
beforeAll(() => {
  db = freshDb();
});
afterAll(() => db.$client.close());

describe('createUser applies the domain credential rules', () => {
  it.each(['a@-example.com', 'two@@example.com', 'line\nbreak@example.com', 'quote"@example.com', `${'a'.repeat(250)}@example.com`])(
    'refuses the address %j and stores nothing',
    (email) => {
      const before = countUsers(db);
      expect(() => createUser(db, { email, password: 'a long enough password', role: 'editor' }, CLI, NOW)).toThrow(ValidationError);
      expect(countUsers(db)).toBe(before);
    },
  );

  it.each([['short'], ['x'.repeat(201)]])('refuses a password of %j.length characters', (password) => {
    expect(() => createUser(db, { email: 'pw@example.com', password, role: 'editor' }, CLI, NOW)).toThrow(ValidationError);
  });

  it('stores a valid address trimmed and lower-cased, single-label hosts included', () => {
    expect(createUser(db, { email: '  Ops@Example.COM ', password: 'a long enough password', role: 'editor' }, CLI, NOW).email).toBe('ops@example.com');
    expect(createUser(db, { email: 'admin@localhost', password: 'a long enough password', role: 'admin' }, CLI, NOW).email).toBe('admin@localhost');
  });
});
