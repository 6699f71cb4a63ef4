import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../../testing/db-fingerprint';
import { signInCookie } from '../../testing/http-helpers';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedSlaHistory, SLA_MONTH, SLA_NEXT_MONTH } from '../../testing/sla-fixture';
import { SYSTEM } from '../services/actor';
import { createUser } from '../services/users';

// Reads never write: no SLA report freezes a month by being read, whoever asks and whatever month.
let server: RunningServer;
const dbPath = tempDbPath('statuspage-sla-reads-');
let cookie = '';

beforeAll(async () => {
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    seedSlaHistory(db, now);
    createUser(db, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, SYSTEM, now);
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } });
  cookie = await signInCookie(server.baseURL, 'admin@example.com', 'correct horse battery');
}, 30_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const READS = ['/sla', '/api/sla.json', '/sla.csv', '/admin/sla'].flatMap((p) => [p, `${p}?month=${SLA_MONTH}`, `${p}?month=${SLA_NEXT_MONTH}`]);

describe('reading SLA reports', () => {
  // Each read starts with no frozen month, so a read that froze one would show.
  beforeEach(() => {
    const db = new Database(dbPath);
    try {
      db.prepare('DELETE FROM sla_months').run();
    } finally {
      db.close();
    }
  });

  it.each(READS)('GET %s leaves the database as it was', async (url) => {
    const before = dbFingerprint(dbPath);
    const res = await fetch(server.baseURL + url, { headers: url.startsWith('/admin') ? { cookie } : {}, redirect: 'manual' });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(dbFingerprint(dbPath)).toBe(before);
  });
});
