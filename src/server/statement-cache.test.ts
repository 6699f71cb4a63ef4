import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingClient } from './statement-cache';

describe('cachingClient', () => {
  let dir: string;
  let sqlite: Database.Database;
  let prepares: string[];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-stmt-'));
    sqlite = new Database(path.join(dir, 'db.sqlite'));
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES (\'a\'), (\'b\')');
    prepares = [];
    const real = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => (prepares.push(source), real(source)));
  });
  afterEach(() => {
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a text once and reuses it', () => {
    const c = cachingClient(sqlite);
    for (let i = 0; i < 5; i++) expect(c.prepare('SELECT name FROM t WHERE id = ?').get(1)).toEqual({ name: 'a' });
    expect(prepares).toEqual(['SELECT name FROM t WHERE id = ?']);
  });

  it('keeps array rows and object rows apart for the same text, in either order', () => {
    const c = cachingClient(sqlite);
    const q = 'SELECT id, name FROM t ORDER BY id';
    expect(c.prepare(q).raw().all()).toEqual([[1, 'a'], [2, 'b']]);
    expect(c.prepare(q).all()).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
    expect(c.prepare(q).raw().get()).toEqual([1, 'a']);
    expect(c.prepare(q).get()).toEqual({ id: 1, name: 'a' });
    expect(c.prepare(q).raw(false).get()).toEqual({ id: 1, name: 'a' });
  });

  it('drops the least recently used text beyond its size', () => {
    const c = cachingClient(sqlite, 2);
    c.prepare('SELECT 1');
    c.prepare('SELECT 2');
    c.prepare('SELECT 1'); // now the most recent
    c.prepare('SELECT 3'); // evicts SELECT 2
    c.prepare('SELECT 1');
    c.prepare('SELECT 2');
    expect(prepares).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2']);
  });

  it('throws a bad statement at prepare, and caches nothing for it', () => {
    const c = cachingClient(sqlite);
    expect(() => c.prepare('SELEC nonsense')).toThrow(/syntax error/);
    expect(() => c.prepare('SELEC nonsense')).toThrow(/syntax error/);
    expect(prepares).toHaveLength(2);
  });

  it('passes everything but prepare to the connection (transactions, run, pragma)', () => {
    const c = cachingClient(sqlite);
    const insert = c.prepare('INSERT INTO t (name) VALUES (?)');
    expect(() => c.transaction(() => {
      insert.run('c');
      throw new Error('roll back');
    })()).toThrow('roll back');
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    c.transaction(() => insert.run('d'))();
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 });
    c.pragma('user_version = 7');
    expect(sqlite.pragma('user_version', { simple: true })).toBe(7);
    expect(c.open).toBe(true);
  });
});
