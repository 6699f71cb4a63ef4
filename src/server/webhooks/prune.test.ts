/** Pruning of finished webhook deliveries against a real migrated SQLite file. */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import { addSubscriber } from '../services/webhooks';
import { pruneDeliveries } from './prune';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);

function setup() {
  const db = freshDb();
  const sub = addSubscriber(db, { url: 'https://hooks.example.com/x', description: 'test' }, TEST_ACTOR, NOW - 100 * DAY);
  const insert = db.$client.prepare(
    `INSERT INTO webhook_deliveries (subscriber_id, change_id, payload, status, attempts, next_attempt_at, created_at, delivered_at)
     VALUES (?, ?, '{}', ?, 1, ?, ?, ?)`,
  );
  const add = (label: string, status: string, createdDaysAgo: number, deliveredDaysAgo: number | null) =>
    insert.run(sub.id, label.length, status, NOW - createdDaysAgo * DAY, NOW - createdDaysAgo * DAY, deliveredDaysAgo === null ? null : NOW - deliveredDaysAgo * DAY).lastInsertRowid as number;
  return { db, add, left: () => (db.$client.prepare('SELECT id FROM webhook_deliveries ORDER BY id').pluck().all() as number[]) };
}

describe('pruneDeliveries', () => {
  it('deletes delivered and given-up deliveries older than the retention, keeps pending and recent ones', () => {
    const { db, add, left } = setup();
    const oldDelivered = add('old delivered', 'delivered', 40, 40);
    const oldFailed = add('old failed', 'failed', 35, null);
    const deliveredLate = add('created long ago, delivered recently', 'delivered', 45, 10);
    const oldPending = add('old pending', 'pending', 90, null);
    const recentDelivered = add('recent delivered', 'delivered', 29, 29);
    const recentFailed = add('recent failed', 'failed', 5, null);
    expect(pruneDeliveries(db, NOW, 30)).toBe(2);
    expect(left()).toEqual([deliveredLate, oldPending, recentDelivered, recentFailed]);
    expect(left()).not.toContain(oldDelivered);
    expect(left()).not.toContain(oldFailed);
    // A shorter retention takes more; pending rows stay whatever their age.
    expect(pruneDeliveries(db, NOW, 7)).toBe(2);
    expect(left()).toEqual([oldPending, recentFailed]);
  });

  it('works through a backlog in bounded batches: at most 20 batches per pass', () => {
    const { db, add, left } = setup();
    for (let i = 0; i < 1234; i++) add('x', 'delivered', 60, 60);
    const keep = add('pending', 'pending', 60, null);
    expect(pruneDeliveries(db, NOW, 30, 50)).toBe(1000);
    expect(pruneDeliveries(db, NOW, 30, 50)).toBe(234);
    expect(pruneDeliveries(db, NOW, 30, 50)).toBe(0);
    expect(left()).toEqual([keep]);
  });
});
