/** Converting a database written by the code before declarations (commit 4b90b4b; see src/testing/fixtures). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq, lte, desc } from 'drizzle-orm';
import { components, incidentUpdateComponents, incidentUpdates, incidents, maintenances, statusDeclarations, statusIntervals } from '../../../db/schema';
import { statusRank } from '../../domain/status';
import { openAppDatabase } from '../bootstrap';
import { openDatabase, setDb, type Db } from '../db';
import { intervalsOf, recomputeRollups, storedRollups } from '../../testing/rollups';
import { tempDbPath } from '../../testing/server-harness';
import { exportRow, getSlaReport } from './sla';
import { upgradeHistory } from './upgrade-history';

const FIXTURE = path.resolve(import.meta.dirname, '../../testing/fixtures/pre-declarations-4b90b4b.db');
const NOW = Date.parse('2026-06-10T00:00:00Z');
let db: Db | undefined;
afterEach(() => {
  if (!db) return;
  db.$client.close();
  fs.rmSync(path.dirname(db.$client.name), { recursive: true, force: true });
  db = undefined;
});

function openCopy(): Db {
  const file = tempDbPath('statuspage-upgrade-');
  fs.copyFileSync(FIXTURE, file);
  // the server's and the CLIs' start-up path: open and migrate, then convert the history once
  setDb(openDatabase(file));
  db = openAppDatabase(Date.now());
  return db;
}

const statusAt = (d: Db, componentId: number, at: number) =>
  d.select({ s: statusIntervals.status }).from(statusIntervals).where(and(eq(statusIntervals.componentId, componentId), lte(statusIntervals.startedAt, at))).orderBy(desc(statusIntervals.startedAt)).limit(1).get()?.s;

describe('upgrading a database written before declarations', () => {
  it('derives every source\'s declarations and rebuilds history with the faults corrected, losing nothing', () => {
    const before = countRows(FIXTURE);
    const d = openCopy();
    expect(d.select().from(incidents).all()).toHaveLength(before.incidents);
    expect(d.select().from(incidentUpdates).all()).toHaveLength(before.updates);
    expect(d.select().from(statusDeclarations).all().length).toBeGreaterThan(0);

    // Old code: 39 minutes (met). Hand-computed: 25 + 9 outside the windows, 60 + 60 × 0.3 for the overlapping pair.
    const april = exportRow(getSlaReport(d, '2026-04', NOW).rows.find((r) => r.component.slug === 'fault-api')!);
    expect(april).toMatchObject({ downtime_minutes: 112, excluded_minutes: 29, maintenance_minutes: 120, uptime_percentage: 99.740741, met: false, credit_percent: 25 });
    const fault = d.select().from(components).where(eq(components.slug, 'fault-api')).get()!;
    expect(d.select().from(statusDeclarations).where(and(eq(statusDeclarations.componentId, fault.id), eq(statusDeclarations.source, 'manual'))).all()).toMatchObject([
      { status: 'degraded_performance', startedAt: Date.parse('2026-05-04T10:00:00Z'), endedAt: Date.parse('2026-05-04T11:00:00Z') },
    ]);

    // Every published incident still shows at least the status its first update declared, from its start.
    for (const inc of d.select().from(incidents).where(eq(incidents.draft, false)).all()) {
      const first = d.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, inc.id)).orderBy(incidentUpdates.displayAt).limit(1).get()!;
      if (first.status === 'resolved') continue;
      for (const row of d.select().from(incidentUpdateComponents).where(eq(incidentUpdateComponents.updateId, first.id)).all()) {
        expect(statusRank(statusAt(d, row.componentId, inc.startedAt)!), `incident ${inc.id}`).toBeGreaterThanOrEqual(statusRank(row.declaredStatus!));
      }
    }
    // Every window that ran is maintenance time.
    for (const m of d.select().from(maintenances).all()) {
      if (m.startedAt === null || m.status !== 'completed') continue;
      const ids = d.select().from(statusDeclarations).where(and(eq(statusDeclarations.source, 'maintenance'), eq(statusDeclarations.sourceId, m.id))).all();
      expect(ids.length).toBeGreaterThan(0);
      for (const decl of ids) expect(d.select().from(statusIntervals).where(and(eq(statusIntervals.componentId, decl.componentId), eq(statusIntervals.startedAt, decl.startedAt))).get()?.maintenance).toBe(true);
    }
    for (const c of d.select().from(components).all()) expect(storedRollups(d, c.id)).toEqual(recomputeRollups(d, c.id));
  });

  it('opening only migrates: the conversion is a start-up step, so db.ts needs none of the services', () => {
    const file = tempDbPath('statuspage-upgrade-');
    fs.copyFileSync(FIXTURE, file);
    db = openDatabase(file);
    expect(db.select().from(statusDeclarations).all()).toEqual([]);
    setDb(db);
    expect(openAppDatabase(NOW).select().from(statusDeclarations).all().length).toBeGreaterThan(0);
  });

  it('runs once: opening the upgraded database again changes nothing', () => {
    const d = openCopy();
    const history = d.select().from(components).all().map((c) => intervalsOf(d, c.id));
    expect(upgradeHistory(d, NOW)).toBe(false);
    expect(d.select().from(components).all().map((c) => intervalsOf(d, c.id))).toEqual(history);
  });
});

/** Row counts of the fixture as the old code wrote it (opened without migrating). */
function countRows(file: string): { incidents: number; updates: number } {
  const copy = tempDbPath('statuspage-fixture-');
  fs.copyFileSync(file, copy);
  const raw = openDatabase(copy, { migrate: false });
  // Counted in SQL: the old schema lacks columns added since, which a select of every column would name.
  const count = (table: string) => (raw.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const out = { incidents: count('incidents'), updates: count('incident_updates') };
  raw.$client.close();
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  return out;
}
