/**
 * Issue 27: the incident e-mail's HTML part, captured from the real fan-out (MJML shell, stress content), loaded as a
 * page at phone and tablet widths: nothing wider than the screen, no component name clipped, the button on screen.
 * The mail has no dark variant of its own (it sets its colours), so one scheme is checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase, type Db } from '../src/server/db';
import { cliActor } from '../src/server/services/actor';
import { createComponent } from '../src/server/services/components';
import { createIncident } from '../src/server/services/incidents';
import { createMaintenance } from '../src/server/services/maintenance';
import { fanOutMail } from '../src/server/services/mail-fan-out';
import { importSubscribers } from '../src/server/services/subscribers';
import { tempDbPath } from '../src/testing/server-harness';
import { STRESS_NAMES, stressUpdate } from '../src/testing/mail-stress';

const SEED = cliActor('seed');
const mails: { what: string; html: string }[] = [];

test.beforeAll(async () => {
  const dbPath = tempDbPath('mail-layout-');
  const db: Db = openDatabase(dbPath);
  try {
    const now = Date.now();
    const ids = STRESS_NAMES.map((name, i) => createComponent(db, { name, slug: `stress-${i}` }, SEED, now).id);
    importSubscribers(db, [{ email: 'reader@example.com', componentIds: ids }], SEED, now);
    await fanOutMail(db, now); // places the cursor
    const statuses = ['major_outage', 'partial_outage', 'degraded_performance', 'major_outage'] as const;
    createIncident(db, { title: `${STRESS_NAMES[0]} — ${STRESS_NAMES[1]}`, impact: 'critical', status: 'investigating', body: stressUpdate(), components: Object.fromEntries(ids.map((id, i) => [id, statuses[i]])) }, SEED, now);
    createMaintenance(db, { title: STRESS_NAMES[2], body: stressUpdate(), scheduledFor: now + 3_600_000, scheduledUntil: now + 7_200_000, components: ids }, SEED, now);
    await fanOutMail(db, now);
    for (const r of db.$client.prepare("SELECT subject, html FROM mail_outbox WHERE event LIKE 'change:%' ORDER BY id").all() as { subject: string; html: string }[]) mails.push({ what: r.subject, html: r.html });
  } finally {
    db.$client.close();
    fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
  }
  expect(mails.map((m) => m.what)).toEqual([expect.stringContaining('Investigating'), expect.stringContaining('Scheduled')]);
});

for (const width of [320, 360, 768]) {
  test(`incident and maintenance e-mail at ${width} px: no horizontal overflow, names whole, button on screen`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const mail of mails) {
      // the mail's images and fonts are remote: offline, the layout is what the HTML and its CSS make of it
      await page.route('**/*', (route) => route.abort());
      await page.setContent(mail.html, { waitUntil: 'domcontentloaded' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${mail.what} is ${overflow} px wider than ${width}`).toBeLessThanOrEqual(0);
      for (const name of STRESS_NAMES) {
        const cell = page.locator('bdi', { hasText: name });
        await expect(cell).toHaveCount(1);
        const clipped = await cell.evaluate((el) => {
          const td = el.closest('td')!;
          return td.scrollWidth > td.clientWidth || el.getBoundingClientRect().right > td.getBoundingClientRect().right + 0.5;
        });
        expect(clipped, `"${name}" is clipped`).toBe(false);
      }
      const button = page.getByRole('link', { name: /^View (incident|maintenance)$/ });
      await button.scrollIntoViewIfNeeded();
      await expect(button).toBeInViewport({ ratio: 1 });
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.height).toBeGreaterThanOrEqual(24); // a touch target
    }
  });
}
