/** The webhook worker against a real local node:http receiver: shape, signature, retry with backoff, disabling. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import { componentWebhookSchema, incidentWebhookSchema } from '../api-schemas/webhooks';
import type { Db } from '../db';
import { createIncident, postUpdate } from '../services/incidents';
import { createMaintenance } from '../services/maintenance';
import { addSubscriber, enableSubscriber } from '../services/webhooks';
import { verifySignature } from './sign';
import { startWebhookWorker, type WorkerOptions } from './worker';

const quietLog = { error: () => {} };
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validIncident = ajv.compile(incidentWebhookSchema);
const validComponent = ajv.compile(componentWebhookSchema);
const FAST: WorkerOptions = { intervalMs: 20, timeoutMs: 1000, baseMs: 50, maxDelayMs: 400, disableAfterMs: 60_000 };

let stop: (() => Promise<void>) | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await stop?.();
  await receiver?.close();
  stop = receiver = null;
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() is true (the worker records outcomes just after the receiver answers). */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await wait(20);
  }
}

async function setup(respond: (n: number) => number, opts: Partial<WorkerOptions> = {}): Promise<{ db: Db; c: ReturnType<typeof seedComponents>; secret: string; subscriberId: number }> {
  const db = freshDb();
  const c = seedComponents(db, Date.now());
  receiver = await startReceiver(respond);
  stop = startWebhookWorker(db, quietLog, { ...FAST, ...opts }); // first pass: cursor starts after existing history
  await wait(30);
  const sub = addSubscriber(db, { url: receiver.url, description: 'test' }, TEST_ACTOR, Date.now());
  return { db, c, secret: sub.secret, subscriberId: sub.id };
}

describe('webhook worker', () => {
  it('POSTs Statuspage-shaped, signed payloads for incident updates and component status changes', async () => {
    const { db, c, secret } = await setup(() => 204);
    const inc = createIncident(db, { title: 'API errors', impact: 'major', status: 'investigating', body: 'Looking.', components: { [c.api]: 'partial_outage' } }, TEST_ACTOR, Date.now());
    const got = await receiver!.waitFor(2);
    const bodies = got.map((r) => JSON.parse(r.body));
    for (const r of got) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-statuspage-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifySignature(secret, r.body, r.headers['x-statuspage-signature'] as string)).toBe(true);
      expect(verifySignature('whsec_wrong', r.body, r.headers['x-statuspage-signature'] as string)).toBe(false);
      expect(verifySignature(secret, r.body + ' ', r.headers['x-statuspage-signature'] as string)).toBe(false);
    }
    for (const b of bodies) {
      const validate = b.incident ? validIncident : validComponent;
      expect(validate(b), ajv.errorsText(validate.errors)).toBe(true);
    }
    const component = bodies.find((b) => b.component_update)!;
    expect(component.page).toEqual({ id: expect.any(String), status_indicator: 'major', status_description: 'Partial System Outage' });
    expect(component.component_update).toEqual({ id: expect.any(String), created_at: expect.any(String), new_status: 'partial_outage', old_status: 'operational', component_id: String(c.api), component_type: 'Component' });
    expect(component.component).toMatchObject({ id: String(c.api), name: 'API', status: 'partial_outage' });
    const incident = bodies.find((b) => b.incident)!;
    expect(incident.meta).toMatchObject({ event: 'incident.created' });
    expect(incident.incident).toMatchObject({ id: String(inc.id), name: 'API errors', status: 'investigating', impact: 'major' });
    expect(incident.incident.incident_updates[0]).toMatchObject({ status: 'investigating', body: 'Looking.' });

    postUpdate(db, inc.id, { status: 'resolved', body: 'Fixed.' }, TEST_ACTOR, Date.now());
    const more = (await receiver!.waitFor(4)).slice(2).map((r) => JSON.parse(r.body));
    const resolved = more.find((b) => b.incident)!;
    expect(resolved.meta.event).toBe('incident.resolved');
    expect(resolved.incident.incident_updates.map((u: { status: string }) => u.status)).toEqual(['resolved', 'investigating']);
    expect(more.find((b) => b.component_update).component_update).toMatchObject({ old_status: 'partial_outage', new_status: 'operational' });
    await until(() => db.select().from(webhookDeliveries).all().every((d) => d.status === 'delivered'));
    const log = db.select().from(webhookDeliveries).all();
    expect(log).toHaveLength(4);
    expect(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 204)).toBe(true);
  });

  it('sends scheduled maintenance as an incident with impact "maintenance"', async () => {
    const { db, c } = await setup(() => 200);
    const t = Date.now();
    const m = createMaintenance(db, { title: 'Upgrade', body: 'We upgrade.', scheduledFor: t + 3_600_000, scheduledUntil: t + 7_200_000, components: [c.lone] }, TEST_ACTOR, t);
    const [got] = await receiver!.waitFor(1);
    const body = JSON.parse(got.body);
    expect(validIncident(body), ajv.errorsText(validIncident.errors)).toBe(true);
    expect(body.meta.event).toBe('maintenance.created');
    expect(body.incident).toMatchObject({ id: `m${m.id}`, name: 'Upgrade', status: 'scheduled', impact: 'maintenance', components: [{ id: String(c.lone) }] });
    // Statuspage's webhook-only fields are present (code reading payload["incident"]["scheduled_for"] must not raise)
    expect(body.incident).toMatchObject({ backfilled: false, impact_override: null, scheduled_for: new Date(t + 3_600_000).toISOString(), scheduled_remind_prior: true, scheduled_reminded_at: null, postmortem_ignored: false, postmortem_notified_twitter: false });
    expect(body.incident.incident_updates.every((u: { affected_components: unknown }) => Array.isArray(u.affected_components))).toBe(true);
  });

  it('retries a failed delivery with exponential backoff and the same signed body', async () => {
    const { db, subscriberId } = await setup((n) => (n < 2 ? 500 : 200));
    createIncident(db, { title: 'Retry me', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, Date.now());
    const got = await receiver!.waitFor(3);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(new Set(got.map((r) => r.headers['x-statuspage-signature'])).size).toBe(1);
    const gap1 = got[1].at - got[0].at;
    const gap2 = got[2].at - got[1].at;
    expect(gap1).toBeGreaterThanOrEqual(45);
    expect(gap2).toBeGreaterThanOrEqual(95);
    await until(() => db.select().from(webhookDeliveries).get()?.status === 'delivered');
    const [d] = db.select().from(webhookDeliveries).all();
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
    const sub = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, subscriberId)).get()!;
    expect(sub).toMatchObject({ enabled: true, failingSince: null });
    expect(sub.lastSuccessAt).not.toBeNull();
  });

  it('disables a subscriber that keeps failing for the configured time and stops sending to it', async () => {
    const { db, subscriberId } = await setup(() => 503, { disableAfterMs: 300, maxDelayMs: 100 });
    createIncident(db, { title: 'Nobody listens', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, Date.now());
    const end = Date.now() + 5000;
    let sub = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, subscriberId)).get()!;
    while (sub.enabled && Date.now() < end) {
      await wait(25);
      sub = db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, subscriberId)).get()!;
    }
    expect(sub.enabled).toBe(false);
    expect(sub.disabledReason).toMatch(/HTTP 503/);
    expect(receiver!.requests.length).toBeGreaterThanOrEqual(3);
    const [d] = db.select().from(webhookDeliveries).all();
    expect(d).toMatchObject({ status: 'failed', lastStatusCode: 503 });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'webhook.disable')).all()).toHaveLength(1);
    const count = receiver!.requests.length;
    createIncident(db, { title: 'After disable', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, Date.now());
    await wait(300);
    expect(receiver!.requests.length).toBe(count);

    // an admin turns it back on once the receiver is fixed: new changes flow again
    receiver!.respond = () => 200;
    enableSubscriber(db, subscriberId, TEST_ACTOR, Date.now());
    createIncident(db, { title: 'Back again', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, Date.now());
    const [last] = (await receiver!.waitFor(count + 1)).slice(count);
    expect(JSON.parse(last.body).incident.name).toBe('Back again');
    await until(() => db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, subscriberId)).get()!.lastSuccessAt !== null);
  });

  it('never holds up the writer: a hanging receiver does not slow the service call', async () => {
    const db = freshDb();
    seedComponents(db, Date.now());
    receiver = await startReceiver(() => 0); // never answers
    stop = startWebhookWorker(db, quietLog, { ...FAST, timeoutMs: 300 });
    await wait(30);
    addSubscriber(db, { url: receiver.url, description: null }, TEST_ACTOR, Date.now());
    const t0 = performance.now();
    createIncident(db, { title: 'Fast', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, Date.now());
    expect(performance.now() - t0).toBeLessThan(200);
    await receiver.waitFor(1);
    await until(() => (db.select().from(webhookDeliveries).get()?.attempts ?? 0) >= 1);
    const [d] = db.select().from(webhookDeliveries).all();
    expect(d.attempts).toBeGreaterThanOrEqual(1);
    expect(d).toMatchObject({ status: 'pending', lastError: 'timed out after 300 ms', lastStatusCode: null });
  });
});
