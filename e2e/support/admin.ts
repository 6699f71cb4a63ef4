/** Helpers for the admin specs: each spec starts its own server on its own database. */
import type { Page } from '@playwright/test';
import type { Db } from '../../src/server/db';
import { seedDatabase, startServer, tempDbPath, type RunningServer } from '../../src/testing/server-harness';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

/** A server whose first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD, after an optional seed. */
export async function startAdminServer(seed?: (db: Db) => void, env: Record<string, string> = {}): Promise<RunningServer> {
  const dbPath = tempDbPath('statuspage-e2e-admin-');
  seedDatabase(dbPath, seed);
  return startServer({ dbPath, env: { LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env } });
}

export async function signIn(page: Page, baseURL: string, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto(`${baseURL}/admin/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseURL}/admin`);
}
