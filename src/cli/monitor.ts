/** npm run monitor: runs the monitors and the clock apart from the web server, against the same DATABASE_PATH. */
import { loadConfigOrExit } from '../server/config';
import { openAppDatabase } from '../server/bootstrap';
import { closeDatabase } from '../server/db';
import { startClock } from '../server/jobs/clock';
import { createLogger } from '../server/log';
import { startMonitorRunner } from '../server/monitor/runner';

const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
const db = openAppDatabase(Date.now());
const runner = startMonitorRunner(db, log, { retentionDays: config.monitorRetentionDays });
const stopClock = startClock(db, log, 1000, { webhookRetentionDays: config.webhookRetentionDays, mailRetentionDays: config.mailRetentionDays });
log.info('monitor process running', { database: config.databasePath });

function shutdown(signal: string): void {
  log.info('monitor process stopping', { signal });
  runner.stop();
  stopClock();
  closeDatabase(db, { checkpoint: true });
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
