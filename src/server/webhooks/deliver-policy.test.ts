/** Webhook targets under the target policy: refused at add and at each delivery; redirects are never followed. */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { startHttpTarget, type HttpTarget } from '../../testing/monitor-targets';
import { seedComponents, TEST_ACTOR } from '../../testing/subscriber-scenario';
import { startReceiver, type Receiver } from '../../testing/webhook-receiver';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import { putSetting } from '../queries/settings';
import { setComponentStatus } from '../services/components';
import { addSubscriber } from '../services/webhooks';
import { deliverDue } from './deliver';
import { fanOutChanges } from './fan-out';

const OPTS = { timeoutMs: 1000, baseMs: 50, maxDelayMs: 400, disableAfterMs: 60_000 };
let receiver: Receiver | null = null;
let target: HttpTarget | null = null;
afterEach(async () => {
  await receiver?.close();
  await target?.close();
  receiver = target = null;
});

function addError(db: Db, url: string): string | null {
  try {
    addSubscriber(db, { url }, TEST_ACTOR, Date.now());
    return null;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return err.fields?.url ?? err.message;
  }
}

/** Adds a subscriber, makes one change and sends what is due; returns the delivery row. */
async function deliverOnce(db: Db, url: string, beforeSend: () => void = () => {}) {
  const c = seedComponents(db, Date.now());
  fanOutChanges(db, Date.now()); // first run sets the cursor
  const sub = addSubscriber(db, { url }, TEST_ACTOR, Date.now());
  setComponentStatus(db, c.api, 'degraded_performance', TEST_ACTOR, Date.now());
  expect(fanOutChanges(db, Date.now())).toBeGreaterThan(0);
  beforeSend();
  await deliverDue(db, Date.now, OPTS);
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriberId, sub.id)).get()!;
}

describe('webhook targets', () => {
  it.each(['http://169.254.169.254/', 'http://169.254.169.254/latest/meta-data/iam', 'http://2852039166/', 'http://[::ffff:a9fe:a9fe]/', 'http://[fe80::1]/hook', 'https://[fd00:ec2::254]/', 'http://0.0.0.0:8080/'])('refuses %s at add', (url) => {
    const db = freshDb();
    expect(addError(db, url)).toMatch(/^Refused: /);
    expect(db.select().from(webhookSubscribers).all()).toHaveLength(0);
  });

  it('follows the settings at add', () => {
    const db = freshDb();
    expect(addError(db, 'http://127.0.0.1:9/hook')).toBeNull();
    putSetting(db, 'allowPrivateTargets', false);
    expect(addError(db, 'http://10.1.2.3/hook')).toMatch(/private or loopback/);
    putSetting(db, 'allowLinkLocalTargets', true);
    expect(addError(db, 'http://169.254.169.254/')).toBeNull();
  });

  it('checks again at each delivery: a setting turned off later stops the sends', async () => {
    const db = freshDb();
    receiver = await startReceiver(() => 204);
    const d = await deliverOnce(db, receiver.url, () => putSetting(db, 'allowPrivateTargets', false));
    expect(d).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: 'refused: 127.0.0.1 is a private or loopback address (an admin has turned these off in Settings)' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('does not follow a redirect, and says so', async () => {
    const db = freshDb();
    target = await startHttpTarget();
    target.mode = 'redirect-to';
    target.location = 'http://169.254.169.254/latest/meta-data/';
    const d = await deliverOnce(db, target.url);
    expect(d).toMatchObject({ status: 'pending', lastStatusCode: 302, lastError: 'HTTP 302 (redirects are not followed)' });
    expect(target.seen).toHaveLength(1);
  });

  it('still delivers to an allowed receiver', async () => {
    const db = freshDb();
    receiver = await startReceiver(() => 204);
    const d = await deliverOnce(db, receiver.url);
    expect(d).toMatchObject({ status: 'delivered', lastStatusCode: 204 });
    expect(receiver.requests[0].headers['content-length']).toBe(String(Buffer.byteLength(receiver.requests[0].body)));
  });
});
