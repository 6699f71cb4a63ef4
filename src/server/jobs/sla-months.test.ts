import { beforeEach, describe, expect, it } from 'vitest';
import { slaMonths } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { seedSlaHistory } from '../../testing/sla-fixture';
import type { Db } from '../db';
import { putSetting } from '../queries/settings';
import { slaMonthCloser } from './sla-months';

const NOW = Date.parse('2026-11-23T12:00:00Z');
let db: Db;

beforeEach(() => {
  db = freshDb();
  seedSlaHistory(db, NOW);
});

const frozenMonths = () => [...new Set(db.select().from(slaMonths).all().map((r) => r.month))].sort();

describe('the month-end SLA job', () => {
  it('freezes the month just ended at start, then once at each month change', () => {
    const close = slaMonthCloser(db);
    expect(close(NOW)).toBe(3);
    expect(frozenMonths()).toEqual(['2026-10']);
    expect(close(NOW + 60_000)).toBe(0);
    expect(close(Date.parse('2026-11-30T23:59:59Z'))).toBe(0);
    expect(close(Date.parse('2026-12-01T00:00:30Z'))).toBe(3);
    expect(frozenMonths()).toEqual(['2026-10', '2026-11']);
  });

  it('follows the SLA time zone: Tokyo\'s November ends at 15:00 UTC on the 30th', () => {
    putSetting(db, 'slaTimeZone', 'Asia/Tokyo');
    const close = slaMonthCloser(db);
    close(NOW);
    expect(close(Date.parse('2026-11-30T14:59:00Z'))).toBe(0);
    expect(close(Date.parse('2026-11-30T15:00:30Z'))).toBe(3);
    expect(frozenMonths()).toEqual(['2026-10', '2026-11']);
  });

  it('a second closer (the monitor process) freezes nothing twice', () => {
    slaMonthCloser(db)(NOW);
    expect(slaMonthCloser(db)(NOW)).toBe(0);
    expect(db.select().from(slaMonths).all()).toHaveLength(3);
  });
});
