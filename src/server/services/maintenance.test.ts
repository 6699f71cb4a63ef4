import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { components, maintenances } from '../../../db/schema';
import { MS_PER_HOUR, MS_PER_MINUTE } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import { intervalsOf, recomputeRollups, storedRollups } from '../../testing/rollups';
import { currentChangeId } from '../queries/changes';
import type { Db } from '../db';
import { ValidationError } from '../errors';
import type { Actor } from './actor';
import { createComponent, setComponentStatus, type ComponentRow } from './components';
import { cancelMaintenance, completeMaintenanceNow, createMaintenance, extendMaintenance, startMaintenanceNow, tickMaintenances } from './maintenance';
import { cliActor } from './actor';

const A: Actor = cliActor('test');
const H = MS_PER_HOUR;
const T0 = Date.UTC(2026, 11, 31, 12);
const FOR = T0 + 11 * H; // 23:00 Dec 31
const UNTIL = FOR + 2 * H; // 01:00 Jan 1, across the year end

let db: Db;
let c: ComponentRow;
beforeEach(() => {
  db = freshDb();
  c = createComponent(db, { name: 'DB', slug: 'db', startDate: T0 - 24 * H }, A, T0);
});

const statusOf = () => db.select().from(components).where(eq(components.id, c.id)).get()!.status;
const mStatus = (id: number) => db.select().from(maintenances).where(eq(maintenances.id, id)).get()!.status;
const window = () => createMaintenance(db, { title: 'Upgrade', body: 'x', scheduledFor: FOR, scheduledUntil: UNTIL, components: ['db'] }, A, T0);

describe('maintenance by the clock (tickMaintenances)', () => {
  it('starts and completes the window on time, recording the history and moving the change log', () => {
    const m = window();
    expect(m.status).toBe('scheduled');
    expect(tickMaintenances(db, FOR - 1)).toBe(0);
    expect(statusOf()).toBe('operational');

    let change = currentChangeId(db);
    expect(tickMaintenances(db, FOR + 5_000)).toBe(1);
    expect(mStatus(m.id)).toBe('in_progress');
    expect(statusOf()).toBe('under_maintenance');
    expect(currentChangeId(db)).toBeGreaterThan(change);
    expect(tickMaintenances(db, FOR + 10_000)).toBe(0); // idempotent

    change = currentChangeId(db);
    expect(tickMaintenances(db, UNTIL + 5_000)).toBe(1);
    expect(mStatus(m.id)).toBe('completed');
    expect(statusOf()).toBe('operational');
    expect(currentChangeId(db)).toBeGreaterThan(change);
    // History uses the window's own times, not the tick times.
    expect(intervalsOf(db, c.id).slice(-2)).toEqual([
      ['under_maintenance', FOR, UNTIL, true],
      ['operational', UNTIL, null],
    ]);
    const rollups = storedRollups(db, c.id);
    expect(Object.values(rollups).reduce((s, d) => s + d.maintenance, 0)).toBe(2 * 3600);
    expect(Object.values(rollups).reduce((s, d) => s + d.major + d.partial, 0)).toBe(0);
    expect(rollups).toEqual(recomputeRollups(db, c.id));
  });

  it('a window missed entirely (server down) is recorded start and end when the clock catches up', () => {
    const m = window();
    expect(tickMaintenances(db, UNTIL + 10 * H)).toBe(1);
    expect(mStatus(m.id)).toBe('completed');
    expect(intervalsOf(db, c.id).slice(-2)).toEqual([
      ['under_maintenance', FOR, UNTIL, true],
      ['operational', UNTIL, null],
    ]);
  });

  it('a worse status during maintenance shows through (rule 2)', () => {
    window();
    tickMaintenances(db, FOR + 1);
    setComponentStatus(db, c.id, 'major_outage', A, FOR + H);
    expect(statusOf()).toBe('major_outage');
    setComponentStatus(db, c.id, null, A, FOR + H + 10 * MS_PER_MINUTE);
    expect(statusOf()).toBe('under_maintenance');
  });

  it('a window created in the past is written into history as it happened', () => {
    const m = createMaintenance(db, { title: 'Past', body: 'x', scheduledFor: T0 - 10 * H, scheduledUntil: T0 - 9 * H, components: ['db'] }, A, T0);
    expect(m.status).toBe('completed');
    expect(intervalsOf(db, c.id)).toContainEqual(['under_maintenance', T0 - 10 * H, T0 - 9 * H, true]);
    expect(statusOf()).toBe('operational');
  });
});

describe('operator actions', () => {
  it('start early, extend and complete early', () => {
    const m = window();
    startMaintenanceNow(db, m.id, A, FOR - H);
    expect(statusOf()).toBe('under_maintenance');
    extendMaintenance(db, m.id, UNTIL + H, A, FOR);
    expect(tickMaintenances(db, UNTIL + 1)).toBe(0); // extended: still running
    completeMaintenanceNow(db, m.id, A, UNTIL + 30 * MS_PER_MINUTE);
    expect(mStatus(m.id)).toBe('completed');
    expect(intervalsOf(db, c.id).slice(-2)).toEqual([
      ['under_maintenance', FOR - H, UNTIL + 30 * MS_PER_MINUTE, true],
      ['operational', UNTIL + 30 * MS_PER_MINUTE, null],
    ]);
  });

  it.each<[string, () => void]>([
    ['a window ending before it starts', () => createMaintenance(db, { title: 'x', body: 'x', scheduledFor: FOR, scheduledUntil: FOR, components: ['db'] }, A, T0)],
    ['an unknown component', () => createMaintenance(db, { title: 'x', body: 'x', scheduledFor: FOR, scheduledUntil: UNTIL, components: ['nope'] }, A, T0)],
    ['extending into the past', () => extendMaintenance(db, window().id, T0 - H, A, T0)],
    ['cancelling a completed window', () => cancelMaintenance(db, completeMaintenanceNow(db, startMaintenanceNow(db, window().id, A, T0).id, A, T0).id, A, T0)],
    ['completing a window that has not started', () => completeMaintenanceNow(db, window().id, A, T0)],
    ['cancelling twice', () => cancelMaintenance(db, cancelMaintenance(db, window().id, A, T0).id, A, T0)],
    ['completing a cancelled window', () => completeMaintenanceNow(db, cancelMaintenance(db, window().id, A, T0).id, A, T0)],
    ['extending a cancelled window', () => extendMaintenance(db, cancelMaintenance(db, window().id, A, T0).id, UNTIL + H, A, T0)],
  ])('refuses %s', (_name, act) => {
    expect(act).toThrow(ValidationError);
  });
});

describe('cancelling a window', () => {
  it('a scheduled window never starts: the clock leaves it and the history shows no maintenance', () => {
    const m = window();
    const change = currentChangeId(db);
    cancelMaintenance(db, m.id, A, T0 + H);
    expect(mStatus(m.id)).toBe('cancelled');
    expect(currentChangeId(db)).toBeGreaterThan(change);
    expect(tickMaintenances(db, FOR + 1)).toBe(0);
    expect(tickMaintenances(db, UNTIL + 1)).toBe(0);
    expect(mStatus(m.id)).toBe('cancelled');
    expect(statusOf()).toBe('operational');
    expect(intervalsOf(db, c.id).some(([s]) => s === 'under_maintenance')).toBe(false);
  });

  it('a running window withdraws what it declared: the history and rollups keep no maintenance', () => {
    const m = window();
    tickMaintenances(db, FOR + H);
    expect(statusOf()).toBe('under_maintenance');
    cancelMaintenance(db, m.id, A, FOR + H + 1);
    expect(mStatus(m.id)).toBe('cancelled');
    expect(statusOf()).toBe('operational');
    expect(intervalsOf(db, c.id).some(([s, , , flag]) => s === 'under_maintenance' || flag === true)).toBe(false);
    const rollups = storedRollups(db, c.id);
    expect(Object.values(rollups).reduce((s, d) => s + d.maintenance, 0)).toBe(0);
    expect(rollups).toEqual(recomputeRollups(db, c.id));
    expect(tickMaintenances(db, UNTIL + 1)).toBe(0);
  });
});
