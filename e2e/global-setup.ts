import { seedDatabase, startServer, tempDbPath } from '../src/testing/server-harness';
import { seedFixture } from './support/fixture';

/** Starts one server on a freshly seeded database for the read-mostly specs; others start their own. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dbPath = tempDbPath('statuspage-e2e-');
  seedDatabase(dbPath, (db) => seedFixture(db));
  const server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'correct horse battery' } });
  process.env.E2E_BASE_URL = server.baseURL;
  process.env.E2E_DB_PATH = dbPath;
  return async () => {
    await server.stop();
  };
}
