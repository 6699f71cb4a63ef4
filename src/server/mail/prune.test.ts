/** Pruning of sent mail against a real migrated SQLite file (issue #23: ~200 MB of rows per large notification). */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db';
import { pruneMail } from './prune';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);

function setup() {
  const db = freshDb();
  const insert = db.$client.prepare(
    `INSERT INTO mail_outbox (subscriber_id, event, "to", subject, text, html, status, attempts, next_attempt_at, created_at, sent_at)
     VALUES (NULL, ?, 'a@example.com', 's', 't', '<p>t</p>', ?, 1, ?, ?, ?)`,
  );
  let n = 0;
  const add = (status: string, createdDaysAgo: number, sentDaysAgo: number | null) =>
    insert.run(`change:${++n}`, status, NOW - createdDaysAgo * DAY, NOW - createdDaysAgo * DAY, sentDaysAgo === null ? null : NOW - sentDaysAgo * DAY).lastInsertRowid as number;
  return { db, add, left: () => db.$client.prepare('SELECT id FROM mail_outbox ORDER BY id').pluck().all() as number[] };
}

describe('pruneMail', () => {
  it('deletes sent and given-up mail older than the retention, keeps pending and recent mail', () => {
    const { db, add, left } = setup();
    add('sent', 10, 10);
    add('failed', 9, null);
    const sentLate = add('sent', 12, 3);
    const oldPending = add('pending', 90, null);
    const recentSent = add('sent', 6, 6);
    expect(pruneMail(db, NOW, 7)).toBe(2);
    expect(left()).toEqual([sentLate, oldPending, recentSent]);
    expect(pruneMail(db, NOW, 1)).toBe(2);
    expect(left()).toEqual([oldPending]);
  });

  it('works through a large notification in bounded batches', () => {
    const { db, add, left } = setup();
    for (let i = 0; i < 1100; i++) add('sent', 30, 30);
    const keep = add('pending', 30, null);
    expect(pruneMail(db, NOW, 7, 50)).toBe(1000);
    expect(pruneMail(db, NOW, 7, 50)).toBe(100);
    expect(left()).toEqual([keep]);
  });
});
