/**
 * Schedules every active monitor on its own timer (interval + jitter); probes are async I/O, the writes are
 * short transactions, so request handling is never blocked. Picks up admin edits by re-reading the table.
 */
// Decision: docs/decisions/015-monitor-scheduling-and-retention.md
import { nextDelayMs } from '../../domain/monitor';
import { dayIndex } from '../../domain/time';
import type { Db } from '../db';
import type { Logger } from '../log';
import { targetPolicyOf } from '../net/target-policy';
import { getMonitorRow, listSchedule, type ScheduleRow } from '../queries/monitor-schedule';
import { getSettings } from '../queries/settings';
import { aggregateMonitorDay, lastAggregatedDay, monitorIds, oldestResultDay, purgeMonitorResults, recordCheck } from '../services/monitoring';
import { runProbe } from './probe';
import { beat } from '../health';

export interface RunnerOptions {
  retentionDays: number;
  /** How often the monitor table is re-read for edits (ms). */
  syncEveryMs?: number;
  /** How often today's figures are aggregated and old results purged (ms). */
  housekeepingEveryMs?: number;
  /** At start-up, first checks are spread over each monitor's interval, capped by this (ms). */
  startSpreadMs?: number;
  now?: () => number;
  random?: () => number;
}

interface Scheduled {
  version: string;
  intervalS: number;
  timer: NodeJS.Timeout | null;
}

/** A monitor added while running gets its first check within this delay, so the admin sees a result soon. */
const NEW_MONITOR_SPREAD_MS = 5000;
const PURGE_BATCH = 5000;

export interface MonitorRunner {
  stop(): void;
  /** Monitors currently scheduled. */
  readonly size: number;
}

export function startMonitorRunner(db: Db, log: Logger, opts: RunnerOptions): MonitorRunner {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const scheduled = new Map<number, Scheduled>();
  let stopped = false;

  async function check(id: number): Promise<void> {
    const entry = scheduled.get(id);
    if (!entry || stopped) return;
    try {
      const m = getMonitorRow(db, id);
      if (!m || m.paused) return;
      const result = await runProbe(m, now, targetPolicyOf(getSettings(db)));
      if (stopped) return;
      const rec = recordCheck(db, id, result, now());
      if (rec && rec.before !== rec.verdict) log.info('monitor verdict changed', { job: 'monitor', monitor: id, from: rec.before, to: rec.verdict, error: result.error });
    } catch (err) {
      log.error('monitor check failed', { job: 'monitor', monitor: id, error: String(err) });
    } finally {
      // An edit replaced the entry while the probe ran: the new entry is already armed.
      if (scheduled.get(id) === entry && !stopped) arm(id, entry, nextDelayMs(entry.intervalS, random()));
    }
  }

  function arm(id: number, entry: Scheduled, delayMs: number): void {
    entry.timer = setTimeout(() => void check(id), delayMs);
  }

  // First checks are spread out so monitors do not fire in lockstep (nor all at once after a restart).
  function firstDelay(intervalS: number, starting: boolean): number {
    const cap = starting ? (opts.startSpreadMs ?? Infinity) : NEW_MONITOR_SPREAD_MS;
    return Math.round(random() * Math.min(intervalS * 1000, cap));
  }

  function sync(starting = false): void {
    beat('monitor-runner');
    let rows: ScheduleRow[];
    try {
      rows = listSchedule(db);
    } catch (err) {
      log.error('monitor sync failed', { job: 'monitor', error: String(err) });
      return;
    }
    const seen = new Set<number>();
    for (const r of rows) {
      if (r.paused) continue;
      seen.add(r.id);
      const version = `${r.updatedAt}:${r.intervalS}:${r.timeoutMs}:${r.config}`;
      const entry = scheduled.get(r.id);
      if (entry && entry.version === version) continue;
      if (entry?.timer) clearTimeout(entry.timer);
      const next: Scheduled = { version, intervalS: r.intervalS, timer: null };
      scheduled.set(r.id, next);
      arm(r.id, next, firstDelay(r.intervalS, starting));
    }
    for (const [id, entry] of scheduled) {
      if (seen.has(id)) continue;
      if (entry.timer) clearTimeout(entry.timer);
      scheduled.delete(id);
    }
  }

  const yieldNow = () => new Promise<void>((r) => setImmediate(r));
  // Days up to here have final figures; the last aggregated day may have been partial, so it is redone.
  let finalThrough = (lastAggregatedDay(db) ?? oldestResultDay(db) ?? dayIndex(now())) - 1;
  let housekeepingRun: Promise<void> | null = null;

  // Work is cut into one monitor-day (or one purge batch) at a time so request handling never waits long.
  async function housekeepingPass(): Promise<void> {
    const today = dayIndex(now());
    const ids = monitorIds(db);
    for (let day = Math.min(finalThrough + 1, today); day <= today && !stopped; day++) {
      for (const id of ids) {
        if (stopped) return;
        aggregateMonitorDay(db, day, id);
        await yieldNow();
      }
      if (day < today) finalThrough = day;
    }
    let purged = 0;
    while (!stopped) {
      const n = purgeMonitorResults(db, now(), opts.retentionDays, PURGE_BATCH);
      purged += n;
      if (n < PURGE_BATCH) break;
      await yieldNow();
    }
    if (purged > 0) log.info('old monitor results purged', { job: 'monitor', purged });
  }

  function housekeeping(): void {
    if (housekeepingRun) return;
    housekeepingRun = housekeepingPass()
      .catch((err) => log.error('monitor housekeeping failed', { job: 'monitor', error: String(err) }))
      .finally(() => (housekeepingRun = null));
  }

  sync(true);
  housekeeping();
  const syncTimer = setInterval(() => sync(), opts.syncEveryMs ?? 5000);
  const houseTimer = setInterval(housekeeping, opts.housekeepingEveryMs ?? 5 * 60_000);
  log.info('monitor runner started', { job: 'monitor', monitors: scheduled.size });

  return {
    stop() {
      stopped = true;
      clearInterval(syncTimer);
      clearInterval(houseTimer);
      for (const e of scheduled.values()) if (e.timer) clearTimeout(e.timer);
      scheduled.clear();
    },
    get size() {
      return scheduled.size;
    },
  };
}
