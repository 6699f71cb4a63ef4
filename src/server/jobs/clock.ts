/** Moves maintenance windows by the clock and marks day boundaries in the change log. */
import { tx, type Db } from '../db';
import type { Logger } from '../log';
import { purgeExpiredSessions } from '../auth/sessions';
import { recordChange } from '../services/journal';
import { tickMaintenances } from '../services/maintenance';
import { dayIndex } from '../../domain/time';
import { beat } from '../health';

export function startClock(db: Db, log: Logger, everyMs = 1000): () => void {
  let lastDay = dayIndex(Date.now());
  let lastPurge = 0;
  beat('clock');
  const timer = setInterval(() => {
    const now = Date.now();
    beat('clock', now);
    try {
      const moved = tickMaintenances(db, now);
      if (moved) log.info('maintenance windows moved by the clock', { job: 'clock', moved });
      const today = dayIndex(now);
      if (today !== lastDay) {
        lastDay = today;
        tx(db, () => recordChange(db, now, 'clock.day', 'clock', today));
      }
      if (now - lastPurge > 3_600_000) {
        lastPurge = now;
        purgeExpiredSessions(db, now);
      }
    } catch (err) {
      log.error('clock tick failed', { job: 'clock', error: String(err) });
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
