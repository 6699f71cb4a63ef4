/** Public webhook subscribers against a real SQLite file: unconfirmed ones are forgotten after 7 days; fan-out skips them. */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookSubscribers } from '../../../db/schema';
import { MS_PER_DAY } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import type { Db } from '../db';
import { fanOutChanges } from '../webhooks/fan-out';
import { createIncident } from './incidents';
import { forgetUnconfirmed } from './subscriber-jobs';
import { confirmWebhookSubscriber, subscribeWebhook } from './webhook-subscriptions';
import { addSubscriber } from './webhooks';

let db: Db | null = null;
afterEach(() => db?.$client.close());
const t0 = Date.UTC(2030, 0, 10);
const idOf = (d: Db, url: string) => d.select().from(webhookSubscribers).where(eq(webhookSubscribers.url, url)).get()?.id;

describe('public webhook subscribers', () => {
  it('forgets an unconfirmed one after 7 days, keeps confirmed and admin-added ones', () => {
    const d = (db = freshDb());
    subscribeWebhook(d, { url: 'https://a.example/hook' }, '192.0.2.1', t0);
    subscribeWebhook(d, { url: 'https://b.example/hook' }, '192.0.2.1', t0);
    confirmWebhookSubscriber(d, idOf(d, 'https://b.example/hook')!, t0 + 1000);
    addSubscriber(d, { url: 'https://c.example/hook' }, TEST_ACTOR, t0);
    expect(forgetUnconfirmed(d, t0 + 7 * MS_PER_DAY - 1000)).toBe(0);
    expect(forgetUnconfirmed(d, t0 + 7 * MS_PER_DAY + 1000)).toBe(1);
    expect(d.select({ url: webhookSubscribers.url }).from(webhookSubscribers).all().map((r) => r.url).sort()).toEqual(['https://b.example/hook', 'https://c.example/hook']);
  });

  it('queues changes only for subscribers confirmed before the change, whenever the fan-out runs', () => {
    const d = (db = freshDb());
    fanOutChanges(d, t0); // first pass sets the cursor
    subscribeWebhook(d, { url: 'https://late.example/hook' }, null, t0);
    const id = idOf(d, 'https://late.example/hook')!;
    createIncident(d, { title: 'Before', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, t0 + 1000);
    confirmWebhookSubscriber(d, id, t0 + 2000);
    createIncident(d, { title: 'After', impact: 'minor', status: 'investigating', body: 'x', components: {} }, TEST_ACTOR, t0 + 3000);
    fanOutChanges(d, t0 + 4000); // both changes fanned out after the confirmation
    const events = d.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriberId, id)).all().map((r) => JSON.parse(r.payload));
    expect(events.map((p) => p.meta.event)).toEqual(['subscription.confirm', 'incident.created']);
    expect(events[1].incident.name).toBe('After');
  });
});
