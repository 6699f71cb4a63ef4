import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDatabase, startServer, tempDbPath } from '../src/testing/server-harness';
import { seedFixture } from './support/fixture';

/** Starts one server on a freshly seeded database for the read-mostly specs; others start their own. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Every temp folder the specs and their servers create lands in one run folder, removed at the end.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-e2e-run-'));
  process.env.TMPDIR = runDir;
  const dbPath = tempDbPath('statuspage-e2e-');
  seedDatabase(dbPath, (db) => seedFixture(db));
  const server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'correct horse battery' } });
  process.env.E2E_BASE_URL = server.baseURL;
  process.env.E2E_DB_PATH = dbPath;
  return async () => {
    await server.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}
