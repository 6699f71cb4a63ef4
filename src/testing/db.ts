/** A migrated temporary database for service tests, installed as the process database. */
import { openDatabase, setDb, type Db } from '../server/db';
import { tempDbPath } from './server-harness';

export function freshDb(): Db {
  const db = openDatabase(tempDbPath('statuspage-test-'));
  setDb(db);
  return db;
}
