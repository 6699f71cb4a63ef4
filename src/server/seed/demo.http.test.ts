import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { count, eq, isNotNull, ne } from 'drizzle-orm';
import { componentGroups, components, incidentUpdates, incidents, maintenances } from '../../../db/schema';
import { MS_PER_DAY } from '../../domain/constants';
import { freshDb } from '../../testing/db';
import { MAIN, tempDbPath } from '../../testing/server-harness';
import { openDatabase } from '../db';
import { countComponents, getOverview } from '../queries/public';
import { seedDemo } from './demo';

const NOW = Date.UTC(2026, 10, 23, 12);

describe('seedDemo', () => {
  it('writes 3 groups, 12 components, 12 past incidents + 1 active, 2 maintenances and one post-mortem', () => {
    const db = freshDb();
    expect(seedDemo(db, NOW, countComponents(db) > 0)).toBe(true);
    const n = (q: { n: number } | undefined) => q?.n ?? 0;
    expect(n(db.select({ n: count() }).from(componentGroups).get())).toBe(3);
    expect(n(db.select({ n: count() }).from(components).get())).toBe(12);
    expect(n(db.select({ n: count() }).from(incidents).where(eq(incidents.status, 'resolved')).get())).toBe(12);
    expect(n(db.select({ n: count() }).from(incidents).where(ne(incidents.status, 'resolved')).get())).toBe(1);
    expect(n(db.select({ n: count() }).from(incidents).where(isNotNull(incidents.postmortemPublishedAt)).get())).toBe(1);
    const ms = db.select().from(maintenances).all();
    expect(ms.map((m) => m.status).sort()).toEqual(['completed', 'scheduled']);
    // Every past incident has a timeline, and history reaches back about 120 days.
    expect(n(db.select({ n: count() }).from(incidentUpdates).get())).toBeGreaterThanOrEqual(12 * 4 + 2);
    const oldest = Math.min(...db.select().from(components).all().map((c) => c.startDate));
    expect(NOW - oldest).toBeGreaterThanOrEqual(119 * MS_PER_DAY);
    const o = getOverview(db, NOW);
    expect(o.activeIncidents).toHaveLength(1);
    expect(o.upcomingMaintenances).toHaveLength(1);
    expect(o.groups.map((g) => g.components.length)).toEqual([4, 4, 4]);
  });

  it('refuses to seed a database that already has components', () => {
    const db = freshDb();
    seedDemo(db, NOW, false);
    expect(seedDemo(db, NOW, countComponents(db) > 0)).toBe(false);
    expect(countComponents(db)).toBe(12);
  });
});

describe('npm run demo (the built CLI)', () => {
  const cli = path.join(path.dirname(MAIN), '../cli/demo.mjs');
  const run = (dbPath: string) => spawnSync(process.execPath, [cli], { env: { ...process.env, DATABASE_PATH: dbPath, MONITORS: 'off' }, encoding: 'utf8', timeout: 60_000 });

  it('seeds once and refuses the second time, leaving the data unchanged', () => {
    expect(fs.existsSync(cli), 'run "npm run build" first').toBe(true);
    const dbPath = tempDbPath('statuspage-demo-');
    const first = run(dbPath);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Demo data written');
    const second = run(dbPath);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already has components');
    const db = openDatabase(dbPath);
    expect(db.select({ n: count() }).from(components).get()?.n).toBe(12);
    expect(db.select({ n: count() }).from(incidents).get()?.n).toBe(13);
    db.$client.close();
  });
});
