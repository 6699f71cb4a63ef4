/** Moves maintenance windows by the clock, marks day boundaries in the change log, and does the periodic housekeeping. */
import { probeWrite, type Db } from '../db';
import type { Logger } from '../log';
import { purgeExpiredSessions } from '../auth/sessions';
import { markDayBoundary } from '../services/journal';
import { tickMaintenances } from '../services/maintenance';
import { dayIndex } from '../../domain/time';
import { beat } from '../health';
import { storageProblem } from '../storage-health';
import { pruneDeliveries } from '../webhooks/prune';
import { pruneMail } from '../mail/prune';
import { forgetUnconfirmed, tickReminders } from '../services/subscriber-jobs';
import { slaMonthCloser } from './sla-months';
import { purgeViewerAccess } from '../viewer-access/purge';

export interface ClockOptions {
  /** Delivered and given-up webhook deliveries older than this are deleted. */
  webhookRetentionDays?: number;
  /** Sent and given-up mail older than this is deleted. */
  mailRetentionDays?: number;
  /** The clock (tests inject one). */
  now?: () => number;
}

const PURGE_EVERY_MS = 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const PROBE_EVERY_MS = 5_000;
// SLA time zones may be offset by 30 or 45 minutes: a month's end is noticed within a minute.
const SLA_CHECK_EVERY_MS = 60_000;

export function startClock(db: Db, log: Logger, everyMs = 1000, opts: ClockOptions = {}): () => void {
  const clock = opts.now ?? Date.now;
  let lastDay = dayIndex(clock());
  let lastPurge = 0;
  let lastPrune = 0;
  let lastProbe = 0;
  const closeSlaMonth = slaMonthCloser(db);
  // Before the server listens: a month that ended while it was down is frozen before anyone reads it.
  let lastSlaCheck = clock();
  tryCloseSlaMonth(closeSlaMonth, lastSlaCheck, log);
  beat('clock');
  const timer = setInterval(() => {
    const now = clock();
    beat('clock', now);
    try {
      const moved = tickMaintenances(db, now);
      if (moved) log.info('maintenance windows moved by the clock', { job: 'clock', moved });
      tickReminders(db, now);
      const today = dayIndex(now);
      if (today !== lastDay) {
        lastDay = today;
        markDayBoundary(db, now, today);
      }
      if (now - lastSlaCheck >= SLA_CHECK_EVERY_MS) {
        lastSlaCheck = now;
        tryCloseSlaMonth(closeSlaMonth, now, log);
      }
      if (now - lastPurge > PURGE_EVERY_MS) {
        lastPurge = now;
        purgeExpiredSessions(db, now);
        purgeViewerAccess(db, now);
        forgetUnconfirmed(db, now);
      }
      if (now - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = now;
        const pruned = pruneDeliveries(db, now, opts.webhookRetentionDays ?? 30);
        if (pruned) log.info('old webhook deliveries pruned', { job: 'clock', pruned });
        const mail = pruneMail(db, now, opts.mailRetentionDays ?? 7);
        if (mail) log.info('old mail pruned', { job: 'clock', pruned: mail });
      }
      // /healthz stays unhealthy until a write commits; with no traffic this write is what notices recovery.
      if (storageProblem() && now - lastProbe > PROBE_EVERY_MS) {
        lastProbe = now;
        if (probeWrite(db)) log.info('the database accepts writes again', { job: 'clock' });
      }
    } catch (err) {
      log.error('clock tick failed', { job: 'clock', error: String(err) });
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function tryCloseSlaMonth(close: (now: number) => number, now: number, log: Logger): void {
  try {
    const frozen = close(now);
    if (frozen) log.info('closed SLA month frozen', { job: 'clock', frozen });
  } catch (err) {
    log.error('freezing the closed SLA month failed', { job: 'clock', error: String(err) });
  }
}
