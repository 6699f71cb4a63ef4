/** The built server: sign-ups from many addresses queue confirmations, yet a subscriber's incident mail goes out at once. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../testing/server-harness';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp-sink';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { importSubscribers } from '../services/subscribers';
import { createApiKey } from '../services/users';

const RATE = 30;
let sink: SmtpSink;
let server: RunningServer;
let dbPath: string;
let key = '';

beforeAll(async () => {
  sink = await startSmtpSink();
  dbPath = tempDbPath('mail-lanes-http-');
  seedDatabase(dbPath, (db) => {
    const { api } = seedComponents(db, Date.now());
    importSubscribers(db, [{ email: 'ops@example.com', componentIds: [api] }], TEST_ACTOR, Date.now());
    key = createApiKey(db, 'lanes', TEST_ACTOR, Date.now()).key;
  });
  // TRUST_PROXY: the sign-ups come from many client addresses through X-Forwarded-For
  server = await startServer({ dbPath, env: { SMTP_URL: sink.url, MAIL_FROM: 'status@example.com', MAIL_RATE_PER_MINUTE: String(RATE), TRUST_PROXY: '1', LOG_LEVEL: 'warn' } });
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

const signUp = (i: number) =>
  fetch(`${server.baseURL}/subscribe`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${i % 30}` },
    body: new URLSearchParams({ email: `visitor${i}@example.com` }),
  });
const confirmations = () => sink.messages.filter((m) => /Confirm your subscription/.test(m.subject ?? '')).length;

describe('mail lanes in the built server', () => {
  it('sends the incident mail within seconds while 90 sign-up confirmations wait', async () => {
    for (let i = 0; i < 90; i++) expect((await signUp(i)).status).toBe(303);
    await sink.waitFor(() => confirmations() >= 5, 'the first confirmations');

    const t0 = Date.now();
    const res = await fetch(`${server.baseURL}/api/v1/incidents`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'API down', impact: 'major', status: 'investigating', body: 'Looking.', components: { api: 'major_outage' } }) });
    expect(res.status).toBe(201);
    await sink.waitFor(() => sink.to('ops@example.com').length > 0, 'the incident mail', 15_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(confirmations()).toBeLessThan(RATE); // sign-ups keep to their share of the minute
  });
});
