/** npm run demo: seeds the demo into DATABASE_PATH when it has no components yet. */
import { loadConfigOrExit } from '../server/config';
import { getDb } from '../server/db';
import { closeDatabase } from '../server/db-close';
import { countComponents } from '../server/queries/public';
import { seedDemo } from '../server/seed/demo';

const config = loadConfigOrExit();
const db = getDb();
const seeded = seedDemo(db, Date.now(), countComponents(db) > 0);
console.log(seeded ? `Demo data written to ${config.databasePath}.` : `${config.databasePath} already has components; demo not written.`);
closeDatabase(db);
