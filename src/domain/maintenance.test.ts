import { describe, expect, it } from 'vitest';
import { ACTIVE_MAINTENANCE_STATUSES, MAINTENANCE_STATUSES, type MaintenanceStatus } from './enums';
import { allowsMaintenanceAction, isActiveAt, isActiveStatus, MAINTENANCE_ACTIONS, maintenanceActions, maintenanceSpan, maintenanceStatusAt, type MaintenanceAction, type MaintenanceWindow } from './maintenance';

const H = 3_600_000;
const FOR = Date.UTC(2026, 11, 31, 23); // crosses the year end
const UNTIL = FOR + 2 * H;
const win = (w: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({ status: 'scheduled', scheduledFor: FOR, scheduledUntil: UNTIL, startedAt: null, completedAt: null, ...w });

describe('maintenanceStatusAt follows the clock unless an operator intervened', () => {
  it.each<[string, Partial<MaintenanceWindow>, number, MaintenanceStatus, boolean]>([
    ['before the window', {}, FOR - 1, 'scheduled', false],
    ['at the start', {}, FOR, 'in_progress', true],
    ['inside the window', {}, FOR + H, 'in_progress', true],
    ['at the end (end is exclusive)', {}, UNTIL, 'completed', false],
    ['long after', {}, UNTIL + 100 * H, 'completed', false],
    ['started early by an operator', { status: 'in_progress', startedAt: FOR - H }, FOR - 30 * 60_000, 'in_progress', true],
    ['completed early by an operator', { status: 'completed', startedAt: FOR, completedAt: FOR + 10 * 60_000 }, FOR + H, 'completed', false],
    ['completedAt set wins whatever the status says', { status: 'in_progress', completedAt: FOR + H }, FOR + H, 'completed', false],
    ['verifying stays verifying inside the window', { status: 'verifying', startedAt: FOR }, FOR + H, 'verifying', true],
    ['verifying completes at the end', { status: 'verifying', startedAt: FOR }, UNTIL, 'completed', false],
    ['cancelled stays cancelled, even past the end', { status: 'cancelled', startedAt: FOR }, UNTIL + H, 'cancelled', false],
    ['cancelled before the start never starts', { status: 'cancelled' }, FOR + H, 'cancelled', false],
    ['extended window keeps running', { status: 'in_progress', startedAt: FOR, scheduledUntil: UNTIL + 5 * H }, UNTIL + H, 'in_progress', true],
  ])('%s', (_name, w, now, expected, active) => {
    expect(maintenanceStatusAt(win(w), now)).toBe(expected);
    expect(isActiveAt(win(w), now)).toBe(active);
  });
});

describe('maintenanceSpan', () => {
  it.each<[string, Partial<MaintenanceWindow>, number, { start: number; end: number } | null]>([
    ['not started yet', {}, FOR - 1, null],
    ['at the very start (empty)', {}, FOR, null],
    ['in progress: clipped to now', {}, FOR + H, { start: FOR, end: FOR + H }],
    ['over: the scheduled window', {}, UNTIL + H, { start: FOR, end: UNTIL }],
    ['operator start and completion win', { startedAt: FOR - H, completedAt: FOR + 30 * 60_000 }, UNTIL + H, { start: FOR - H, end: FOR + 30 * 60_000 }],
  ])('%s', (_name, w, now, expected) => {
    expect(maintenanceSpan(win(w), now)).toEqual(expected);
  });
});

describe('isActiveStatus: in progress and verifying hold components, nothing else', () => {
  it.each<[MaintenanceStatus, boolean]>([
    ['scheduled', false],
    ['in_progress', true],
    ['verifying', true],
    ['completed', false],
    ['cancelled', false],
  ])('%s → %s', (status, active) => {
    expect(isActiveStatus(status)).toBe(active);
  });

  it('the SQL list names exactly the active statuses', () => {
    expect([...ACTIVE_MAINTENANCE_STATUSES]).toEqual(MAINTENANCE_STATUSES.filter(isActiveStatus));
  });
});

describe('maintenanceActions offers only what makes sense at each stage', () => {
  it.each<[string, Partial<MaintenanceWindow>, number, MaintenanceAction[]]>([
    ['scheduled: edit everything, start early, move the end, call it off — not complete', {}, FOR - H, ['edit', 'start', 'extend', 'cancel']],
    ['in progress by the clock: updates, extend, complete, cancel — no more editing', {}, FOR + H, ['update', 'extend', 'complete', 'cancel']],
    ['started early by an operator, before the scheduled start', { status: 'in_progress', startedAt: FOR - H }, FOR - 30 * 60_000, ['update', 'extend', 'complete', 'cancel']],
    ['verifying', { status: 'verifying', startedAt: FOR }, FOR + H, ['update', 'extend', 'complete', 'cancel']],
    ['past its end, though the clock job has not run yet', { status: 'in_progress', startedAt: FOR }, UNTIL, []],
    ['completed early', { status: 'completed', startedAt: FOR, completedAt: FOR + 60_000 }, FOR + H, []],
    ['cancelled', { status: 'cancelled' }, FOR - H, []],
  ])('%s', (_name, w, now, expected) => {
    expect(maintenanceActions(win(w), now)).toEqual(expected);
    for (const a of MAINTENANCE_ACTIONS) expect(allowsMaintenanceAction(win(w), now, a)).toBe(expected.includes(a));
  });
});
