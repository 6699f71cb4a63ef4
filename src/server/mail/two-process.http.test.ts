/** Two built servers on one SQLite file, both running the mail and webhook workers: every event reaches each subscriber exactly once. */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db';
import { importSubscribers } from '../services/subscribers';
import { createApiKey } from '../services/users';
import { addSubscriber } from '../services/webhooks';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';

const RECIPIENTS = ['a@example.com', 'b@example.com', 'c@example.com'];
const N = 8;
let servers: RunningServer[] = [];
let receivers: Receiver[] = [];
let dbPath = '';
let key = '';
/** recipient → subjects received, in order */
const got = new Map<string, string[]>();
let smtp: SMTPServer;
let smtpUrl = '';
let inData = 0;
let maxInData = 0;
let seen = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      // every third message is slow, so one process's sends are still in flight while the other claims
      const slow = seen++ % 3 === 0;
      maxInData = Math.max(maxInData, ++inData);
      simpleParser(stream).then((m) => {
        const finish = () => {
          inData--;
          for (const rcpt of session.envelope.rcptTo) got.set(rcpt.address, [...(got.get(rcpt.address) ?? []), m.subject ?? '']);
          callback();
        };
        if (slow) setTimeout(finish, 700);
        else finish();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  receivers = [await startReceiver(), await startReceiver()];
  dbPath = tempDbPath('two-process-');
  seedDatabase(dbPath, (db) => {
    const now = Date.now();
    seedComponents(db, now);
    key = createApiKey(db, 'two-process', TEST_ACTOR, now).key;
    importSubscribers(db, RECIPIENTS.map((email) => ({ email, componentIds: [] })), TEST_ACTOR, now);
    for (const r of receivers) addSubscriber(db, { url: r.url }, TEST_ACTOR, now);
  });
  const env = { SMTP_URL: smtpUrl, MAIL_FROM: 'status@example.com', PAGE_NAME: 'Acme Status', MAIL_TIMEOUT_MS: '3000', MAIL_RETRY_BASE_SECONDS: '1', LOG_LEVEL: 'warn' };
  servers = await Promise.all([startServer({ dbPath, env }), startServer({ dbPath, env })]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(receivers.map((r) => r.close()));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

function scalar(sql: string): number {
  const db = openDatabase(dbPath);
  try {
    return Number(db.$client.prepare(sql).pluck().get());
  } finally {
    db.$client.close();
  }
}

describe('two processes, one database', () => {
  it('mail every confirmed subscriber once per event and call every webhook once per change', async () => {
    // both processes have placed their cursors (first run) before anything is posted
    await vi.waitFor(() => expect(scalar("SELECT COUNT(*) FROM settings WHERE key IN ('mailCursor', 'webhookCursor')")).toBe(2), { timeout: 10_000 });
    const firstChange = scalar('SELECT COALESCE(MAX(id), 0) FROM change_log');
    const subjects: string[] = [];
    for (let i = 0; i < N; i++) {
      const s = servers[i % 2];
      const res = await fetch(`${s.baseURL}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Incident ${i}`, impact: 'minor', status: 'investigating', body: `Number ${i}.`, components: { api: 'degraded_performance' } }),
      });
      expect(res.status).toBe(201);
      subjects.push(`[Acme Status] Incident ${i} — Investigating`);
    }
    const changes = scalar(`SELECT COUNT(*) FROM change_log WHERE id > ${firstChange} AND kind IN ('incident.created', 'component.status')`);
    expect(changes).toBeGreaterThanOrEqual(N);

    await vi.waitFor(
      () => {
        for (const r of RECIPIENTS) expect([...(got.get(r) ?? [])].sort()).toEqual([...subjects].sort());
        for (const r of receivers) expect(r.requests.length).toBeGreaterThanOrEqual(changes);
        expect(scalar("SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'")).toBe(0);
        expect(scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'")).toBe(0);
      },
      { timeout: 30_000, interval: 50 },
    );
    // the slow messages overlapped other sends: the two workers really ran at once
    expect(maxInData).toBeGreaterThan(1);
    for (const r of RECIPIENTS) expect(got.get(r)).toHaveLength(N);
    for (const r of receivers) {
      const ids = r.requests.map((q) => (JSON.parse(q.body) as { meta: { change_id: number } }).meta.change_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(changes);
      const deliveries = r.requests.map((q) => q.headers['x-statuspage-delivery']);
      expect(new Set(deliveries).size).toBe(deliveries.length);
    }
  });
});
