import { afterEach, expect, it, vi } from 'vitest';
import { freshDb } from '../testing/db';
import { openDatabase } from './db';
import { currentVersion, onChange, startChangePoller, stopChangePoller } from './changes';
import { tx } from './db';
import { recordChange } from './services/journal';

afterEach(() => stopChangePoller());

it('a rolled-back local change does not hide the next change committed by another process', async () => {
  const db = freshDb();
  const maxId = db.$client.prepare('SELECT COALESCE(MAX(id), 0) FROM change_log').pluck();
  startChangePoller(() => maxId.get() as number, 20);
  const before = currentVersion();
  const heard: number[] = [];
  const off = onChange((v) => heard.push(v));

  expect(() =>
    tx(db, () => {
      recordChange(db, 1, 'component.updated', 'component', 1);
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  await Promise.resolve();
  expect(currentVersion()).toBe(before);

  // A second connection (as another process would) commits and gets the same id back.
  const other = openDatabase(db.$client.name, { migrate: false });
  const id = other.$client.prepare("INSERT INTO change_log (at, kind, entity) VALUES (2, 'component.updated', 'component') RETURNING id").pluck().get() as number;
  other.$client.close();
  expect(id).toBe(before + 1);

  await vi.waitFor(() => expect(heard).toEqual([id]));
  off();
  expect(currentVersion()).toBe(id);
});
