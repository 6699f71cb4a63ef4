import { beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { components, statusIntervals } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { currentChangeId } from '../queries/changes';
import type { Db } from '../db';
import { ConflictError, ValidationError } from '../errors';
import type { Actor } from './actor';
import { createComponent, createGroup, deleteComponent, deleteGroup, moveComponent, setComponentStatus, updateComponent, updateGroup } from './components';
import { cliActor } from './actor';

const A: Actor = cliActor('test');
const NOW = Date.UTC(2026, 10, 23, 12);
let db: Db;
beforeEach(() => {
  db = freshDb();
});

describe('components and groups', () => {
  it('gives unique slugs, refuses a taken one and a future start date', () => {
    expect(createComponent(db, { name: 'API' }, A, NOW).slug).toBe('api');
    expect(createComponent(db, { name: 'API' }, A, NOW).slug).toBe('api-2');
    expect(() => createComponent(db, { name: 'X', slug: 'api' }, A, NOW)).toThrow(ConflictError);
    expect(() => createComponent(db, { name: 'X', startDate: NOW + 60_000 }, A, NOW)).toThrow(ValidationError);
    expect(() => createComponent(db, { name: 'X', groupId: 999 }, A, NOW)).toThrow(ValidationError);
    expect(db.select({ n: count() }).from(components).get()!.n).toBe(2);
  });

  it('opens the first interval at the (backdated) start date', () => {
    const c = createComponent(db, { name: 'API', startDate: NOW - 86_400_000 }, A, NOW);
    expect(db.select().from(statusIntervals).all()).toMatchObject([{ componentId: c.id, status: 'operational', startedAt: NOW - 86_400_000, endedAt: null }]);
  });

  it('a failed write leaves no partial rows', () => {
    db.$client.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END");
    const before = currentChangeId(db);
    expect(() => createComponent(db, { name: 'API' }, A, NOW)).toThrow(/audit down/);
    expect(db.select({ n: count() }).from(components).get()!.n).toBe(0);
    expect(db.select({ n: count() }).from(statusIntervals).get()!.n).toBe(0);
    expect(currentChangeId(db)).toBe(before);
    db.$client.exec('DROP TRIGGER fail_audit');
  });
});

describe('change_log moves on each public component write', () => {
  it.each<[string, (ids: { c: number; d: number; g: number }) => unknown]>([
    ['createGroup', () => createGroup(db, { name: 'New' }, A, NOW)],
    ['updateGroup', ({ g }) => updateGroup(db, g, { name: 'Renamed' }, A, NOW)],
    ['deleteGroup', ({ g }) => deleteGroup(db, g, A, NOW)],
    ['createComponent', () => createComponent(db, { name: 'New' }, A, NOW)],
    ['updateComponent', ({ c }) => updateComponent(db, c, { description: 'Now described' }, A, NOW)],
    ['moveComponent', ({ d }) => moveComponent(db, d, 'up', A, NOW)],
    ['setComponentStatus', ({ c }) => setComponentStatus(db, c, 'major_outage', A, NOW + 1000)],
    ['deleteComponent', ({ c }) => deleteComponent(db, c, A, NOW)],
  ])('%s', (_name, write) => {
    const g = createGroup(db, { name: 'Core' }, A, NOW);
    const c = createComponent(db, { name: 'API', groupId: g.id }, A, NOW);
    const d = createComponent(db, { name: 'Web', groupId: g.id }, A, NOW);
    const before = currentChangeId(db);
    write({ c: c.id, d: d.id, g: g.id });
    expect(currentChangeId(db)).toBeGreaterThan(before);
  });
});
