import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { RunningServer } from '../src/testing/server-harness';
import { createComponent, createGroup } from '../src/server/services/components';
import { createIncident } from '../src/server/services/incidents';
import { createMaintenance } from '../src/server/services/maintenance';
import { createTemplate } from '../src/server/services/templates';
import { ADMIN, signIn, startAdminServer } from './support/admin';
import { actorFor, cliActor } from '../src/server/services/actor';
import { createApiKey, createUser, updateUser } from '../src/server/services/users';

let server: RunningServer;
const SEED = cliActor('seed');
test.beforeAll(async () => {
  server = await startAdminServer((db) => {
    const now = Date.now();
    createUser(db, { ...ADMIN, role: 'admin' }, SEED, now);
    const g = createGroup(db, { name: 'Core' }, SEED, now);
    createComponent(db, { name: 'API', slug: 'api', groupId: g.id }, SEED, now);
    createComponent(db, { name: 'Docs', slug: 'docs' }, SEED, now);
    createIncident(db, { title: 'Slow API', impact: 'minor', status: 'investigating', body: 'Looking.', components: { api: 'degraded_performance' } }, SEED, now);
    createMaintenance(db, { title: 'Upgrade', body: '', scheduledFor: now + 3_600_000, scheduledUntil: now + 7_200_000, components: ['api'] }, SEED, now);
    createTemplate(db, { name: 'Outage', title: 'Outage', body: 'Down.', impact: 'major' }, SEED, now);
    // The keys page with a console key and a key whose owner was demoted (its "acts as" note).
    createApiKey(db, 'console-key', SEED, now, 'write');
    const owner = createUser(db, { email: 'owner@example.com', password: 'owner long password', role: 'admin' }, SEED, now);
    createApiKey(db, 'owner-key', actorFor({ user: { id: owner.id, email: owner.email, role: 'admin' }, apiKey: null, ip: null }), now, 'admin');
    updateUser(db, owner.id, { role: 'editor' }, SEED, now);
  });
});
test.afterAll(() => server.stop());

const PAGES = ['/admin', '/admin/incidents/new', '/admin/incidents/1', '/admin/components', '/admin/components/1', '/admin/maintenance', '/admin/templates', '/admin/users', '/admin/api-keys', '/admin/audit', '/admin/settings'];

test('admin pages have no axe violations and no duplicate ids', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${server.baseURL}/admin/login`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await signIn(page, server.baseURL);
  for (const path of PAGES) {
    await page.goto(`${server.baseURL}${path}`);
    const dupes = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(dupes, `${path} duplicate ids`).toEqual([]);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
});
