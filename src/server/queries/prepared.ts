/**
 * Queries built once per database handle and then only executed. drizzle otherwise rebuilds a SELECT's SQL from
 * its parts on every call, which was a third of the time of `/`'s read model. Values that change per call are
 * `sql.placeholder`s; a list of ids is one JSON-array placeholder (`idsIn`), so a query's text never depends on
 * how many ids it is given.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';

/** A memo of build(db) per handle (tests open many databases in one process). */
export function prepared<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let q = byDb.get(db);
    if (q === undefined) byDb.set(db, (q = build(db)));
    return q;
  };
}

/** The operand of `inArray` for placeholder `name`, filled with `idList(ids)`. */
export const idsIn = (name: string): SQL => sql`(SELECT value FROM json_each(${sql.placeholder(name)}))`;

export const idList = (ids: readonly number[]): string => JSON.stringify(ids);

/** The same operand for ids known when the SQL is written (one bound JSON parameter, so the SQL text stays the same). */
export const idsOf = (ids: readonly number[]): SQL => sql`(SELECT value FROM json_each(${idList(ids)}))`;
