/** The calendar's description keeps the structure of the window's markdown (issue 27): one line per item and row. */
import fs from 'node:fs';
import path from 'node:path';
import nodeIcal from 'node-ical';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { defaultPage } from '../queries/pages';
import { createComponent } from '../services/components';
import { createMaintenance } from '../services/maintenance';
import { tempDbPath } from '../../testing/server-harness';
import { TEST_ACTOR } from '../../testing/subscriber-scenario';
import { renderMaintenanceCalendar } from './ical';

const dbPath = tempDbPath('ical-description-');
const db = openDatabase(dbPath);
afterAll(() => {
  db.$client.close();
  fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

it('keeps paragraphs, headings, list items, table rows and code lines of the body on their own lines', () => {
  const now = Date.now();
  const api = createComponent(db, { name: 'API', slug: 'api' }, TEST_ACTOR, now);
  const body = ['## Plan', '', 'We upgrade the **database**.', '', '- stop writes', '- migrate', '', '| Step | Minutes |', '| --- | --- |', '| copy | 20 |', '', '```', 'SELECT 1;', '  -- indented', '```'].join('\n');
  createMaintenance(db, { title: 'DB upgrade', body, scheduledFor: now + 3_600_000, scheduledUntil: now + 7_200_000, components: [api.id] }, TEST_ACTOR, now);
  const event = Object.values(nodeIcal.sync.parseICS(renderMaintenanceCalendar(db, now, defaultPage(db)))).find((c) => c?.type === 'VEVENT') as { description: string };
  const lines = event.description.split('\n');
  for (const line of ['Plan', 'We upgrade the database.', ' * stop writes', ' * migrate', 'SELECT 1;', '  -- indented', 'Affected: API']) expect(lines).toContain(line);
  expect(lines.some((l) => /^Step +Minutes$/.test(l))).toBe(true);
  expect(lines.some((l) => /^copy +20$/.test(l))).toBe(true);
});
