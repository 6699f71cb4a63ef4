/** Reads of the change journal: where it stands, and what came after a given id. */
import type { Db } from '../db';
import { prepared } from './prepared';

/** A change_log row as the live stream sends it. */
export interface ChangeEvent {
  id: number;
  at: number;
  kind: string;
  entity: string;
  entity_id: string | null;
}

const maxIdQ = prepared((db) => db.$client.prepare('SELECT COALESCE(MAX(id), 0) FROM change_log').pluck());
const eventsAfterQ = prepared((db) => db.$client.prepare('SELECT id, at, kind, entity, entity_id FROM change_log WHERE id > ? ORDER BY id LIMIT ?'));

/** The id of the latest change (0 on an empty journal): the version every cache and cursor compares against. */
export function currentChangeId(db: Db): number {
  return maxIdQ(db).get() as number;
}

/** Up to `limit` changes after `afterId`, oldest first. */
export function changeEventsAfter(db: Db, afterId: number, limit: number): ChangeEvent[] {
  return eventsAfterQ(db).all(afterId, limit) as ChangeEvent[];
}
