/** Start-up tasks: the database brought up to this version, the first admin (from env or a one-time setup link). No default password exists. */
import type { Config } from './config';
import { getDb, type Db } from './db';
import type { Logger } from './log';
import { systemActor } from './services/actor';
import { upgradeHistory } from './services/upgrade-history';
import { countUsers, createSetupToken, createUser } from './services/users';

/** The process's database, migrated on open, with a pre-declarations history converted once (server and CLI start-up). */
export function openAppDatabase(now: number): Db {
  const db = getDb();
  upgradeHistory(db, now);
  return db;
}

export function ensureFirstAdmin(db: Db, config: Config, log: Logger, now: number): void {
  if (countUsers(db) > 0) return;
  if (config.adminEmail && config.adminPassword) {
    createUser(db, { email: config.adminEmail, password: config.adminPassword, role: 'admin' }, systemActor('ADMIN_EMAIL'), now);
    log.info('created the first admin from ADMIN_EMAIL', { email: config.adminEmail });
    return;
  }
  const token = createSetupToken(db, now);
  const url = `${config.siteUrl}/admin/setup?token=${token}`;
  // Printed on the console only: whoever runs the server creates the first admin.
  process.stderr.write(`\nNo operator account yet. Create the first admin within an hour at:\n  ${url}\n\n`);
  log.info('setup link printed on stderr');
}
