/** Issue 23: the subscriber import accepts what its schema allows, through the built server's body limit. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { seedComponents } from '../../../testing/subscriber-scenario';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../../testing/server-harness';
import { signInCookie } from '../../../testing/http-helpers';

const LINES = 50_000;
let server: RunningServer;
let dbPath: string;

beforeAll(async () => {
  dbPath = tempDbPath('import-');
  seedDatabase(dbPath, (db) => void seedComponents(db, Date.now()));
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'correct horse battery' } });
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

// ~1.6 MB once form-encoded: far past the 256 KiB default body limit, far below the schema's 5,000,000 characters
const csv = ['email,components', ...Array.from({ length: LINES }, (_, i) => `subscriber${i}@example.com,${i % 2 ? 'api' : 'api;web'}`)].join('\n');
const importForm = (headers: Record<string, string>) =>
  fetch(`${server.baseURL}/admin/subscribers`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseURL, ...headers }, body: new URLSearchParams({ _action: 'import', csv }) });
const subscriberCount = () => {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare('SELECT COUNT(*) FROM subscribers').pluck().get() as number;
  } finally {
    db.$client.close();
  }
};

describe('subscriber import', () => {
  it('refuses a large body without a session, and with a session anywhere but the import', async () => {
    const anonymous = await importForm({});
    expect(anonymous.status).toBe(413);
    expect((await anonymous.json()).error.code).toBe('payload_too_large');
    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'correct horse battery');
    const elsewhere = await fetch(`${server.baseURL}/admin/components`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csv }) });
    expect(elsewhere.status).toBe(413);
    expect(subscriberCount()).toBe(0);
  });

  it(`imports a ${LINES.toLocaleString('en')}-line file in one form post`, async () => {
    const cookie = await signInCookie(server.baseURL, 'admin@example.com', 'correct horse battery');
    const res = await importForm({ cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`added=${LINES}&skipped=0`);
    expect(subscriberCount()).toBe(LINES);
  }, 60_000);
});
