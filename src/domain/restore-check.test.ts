import { describe, expect, it } from 'vitest';
import { backupRefusal, beforeRestoreName, MIGRATION_TABLE, schemaRefusal, type BackupFacts } from './restore-check';

const healthy: BackupFacts = { bytes: 4096 * 40, integrity: 'ok', tables: [MIGRATION_TABLE, 'components'], migrations: [100, 200] };
const known = [100, 200, 300];

describe('backupRefusal', () => {
  it.each<[string, Partial<BackupFacts>, RegExp | null]>([
    ['a healthy backup at this version', {}, null],
    ['an older backup (fewer migrations)', { migrations: [100] }, null],
    ['an empty file', { bytes: 0, integrity: 'ok', tables: [], migrations: [] }, /empty \(0 bytes\)/],
    ['a damaged file', { integrity: '*** in database main *** Page 7: btreeInitPage() returns error code 11' }, /integrity check \(\*\*\* in database main/],
    ['an unrelated SQLite file', { tables: ['notes'], migrations: [] }, /not a database of this application/],
    ['a migration table with no rows', { migrations: [] }, /not a database of this application/],
    ['a newer version', { migrations: [100, 200, 300, 400] }, /newer version .*\(1 migration this version/],
    ['a different lineage', { migrations: [7, 8] }, /newer version .*\(2 migrations/],
  ])('%s', (_what, change, refusal) => {
    const r = backupRefusal({ ...healthy, ...change }, known);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toMatch(refusal);
  });

  it('checks emptiness before anything else (an empty file passes SQLite’s integrity check)', () => {
    expect(backupRefusal({ bytes: 0, integrity: 'ok', tables: [], migrations: [] }, known)).toBe('it is empty (0 bytes)');
  });
});

describe('schemaRefusal', () => {
  it.each<[string[], string[], string | null]>([
    [['a', 'b', 'c'], ['a', 'b'], null],
    [['a'], ['a', 'b'], 'it is not a database of this application (no table b)'],
    [[], ['a', 'b', 'c', 'd'], 'it is not a database of this application (no table a, b, c, …)'],
    [[], [], null],
  ])('%j against %j', (tables, schema, refusal) => expect(schemaRefusal(tables, schema)).toBe(refusal));
});

describe('beforeRestoreName', () => {
  it.each([
    [Date.UTC(2026, 2, 7, 14, 25, 1, 999), '/data/status.db.before-restore-20260307T142501Z'],
    [Date.UTC(2024, 1, 29, 0, 0, 0), '/data/status.db.before-restore-20240229T000000Z'],
  ])('%i', (now, name) => expect(beforeRestoreName('/data/status.db', now)).toBe(name));
});
