import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { slaMonths } from '../../../db/schema';
import { freshDb } from '../../testing/db';
import { seedSlaHistory, SLA_MONTH, SLA_NEXT_MONTH } from '../../testing/sla-fixture';
import type { Db } from '../db';
import { BadRequestError } from '../errors';
import { createIncident, postUpdate, setSlaExclusion } from './incidents';
import { exportRow, freezeSlaMonth, getResponseReport, getSlaReport, resolveMonth } from './sla';
import { cliActor } from './actor';
import { getSettings } from '../queries/settings';
import { saveSlaSettings } from './sla-settings';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const OPS = cliActor('test');
let db: Db;
let ids: ReturnType<typeof seedSlaHistory>;

beforeEach(() => {
  db = freshDb();
  ids = seedSlaHistory(db, NOW);
});

const bySlug = (month: string) => Object.fromEntries(getSlaReport(db, month, NOW).rows.map((r) => [r.component.slug, exportRow(r)]));

describe('SLA report built from services history', () => {
  it('computes September to the minute', () => {
    const r = bySlug(SLA_MONTH);
    expect(r.api).toMatchObject({ minutes_in_month: 43_200, downtime_minutes: 70, excluded_minutes: 40, maintenance_minutes: 30, uptime_percentage: 99.837963, target: 99.9, met: false, credit_percent: 25 });
    expect(r.web).toMatchObject({ minutes_in_month: 43_200, downtime_minutes: 36, excluded_minutes: 0, maintenance_minutes: 0, uptime_percentage: 99.916667, target: 99.95, met: false, credit_percent: 15 });
    expect(r.search).toMatchObject({ minutes_in_month: 21_600, downtime_minutes: 10, uptime_percentage: 99.953704, met: true, credit_percent: 0 });
  });

  it('carries the month-end outage into October', () => {
    const r = bySlug(SLA_NEXT_MONTH);
    expect(r.api).toMatchObject({ minutes_in_month: 44_640, downtime_minutes: 20, uptime_percentage: 99.955197, met: true, credit_percent: 0 });
    expect(r.web.uptime_percentage).toBe(100);
  });

  it('freezes closed months once; a correction of their facts revises them in place and records it', () => {
    expect(freezeSlaMonth(db, SLA_MONTH, NOW)).toBe(3);
    expect(freezeSlaMonth(db, SLA_MONTH, NOW)).toBe(0);
    const frozen = db.select().from(slaMonths).where(eq(slaMonths.month, SLA_MONTH)).all();
    expect(frozen.map((f) => f.componentId).length).toBe(3);
    // A stale frozen value is served as is (proves it is read, not recomputed).
    const api = frozen.find((f) => JSON.parse(f.data).target === 99.9 && JSON.parse(f.data).maintenanceMinutes === 30)!;
    db.update(slaMonths).set({ data: JSON.stringify({ ...JSON.parse(api.data), downtimeMinutes: 999 }) }).where(and(eq(slaMonths.componentId, api.componentId), eq(slaMonths.month, SLA_MONTH))).run();
    expect(bySlug(SLA_MONTH).api.downtime_minutes).toBe(999);

    setSlaExclusion(db, ids.firstIncidentId, true, 'Upstream provider outage covered by force majeure', OPS, NOW + 1000);
    expect(db.select().from(slaMonths).where(eq(slaMonths.month, SLA_MONTH)).all()).toHaveLength(3);
    const corrections = getSlaReport(db, SLA_MONTH, NOW + 2000).corrections;
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ component: { slug: 'api' }, at: NOW + 1000, cause: `incident #${ids.firstIncidentId} updated`, before: { downtimeMinutes: 999 }, after: { downtimeMinutes: 10 } });
    expect(bySlug(SLA_MONTH).api).toMatchObject({ downtime_minutes: 10, excluded_minutes: 100, uptime_percentage: 99.976852, met: true, credit_percent: 0 });
  });

  it('a backfilled incident in a closed month revises that component only', () => {
    freezeSlaMonth(db, SLA_MONTH, NOW);
    freezeSlaMonth(db, SLA_NEXT_MONTH, NOW);
    const inc = createIncident(db, { title: 'Late report', impact: 'major', status: 'investigating', body: 'x', components: { web: 'major_outage' }, startedAt: Date.parse('2026-09-05T00:00:00Z'), displayAt: Date.parse('2026-09-05T00:01:00Z') }, OPS, NOW);
    postUpdate(db, inc.id, { status: 'resolved', body: 'y', displayAt: Date.parse('2026-09-05T00:06:00Z') }, OPS, NOW);
    expect(db.select().from(slaMonths).all()).toHaveLength(6);
    const corrections = getSlaReport(db, SLA_MONTH, NOW).corrections;
    // Two writes, two revisions (opened: down to the month's end; resolved: six minutes), both of web alone.
    expect(corrections.map((c) => c.component.slug)).toEqual(['web', 'web']);
    expect(corrections[0].cause).toContain('corrected from 2026-09-05T00:00:00.000Z');
    expect(corrections[1].after.downtimeMinutes).toBe(42);
    // While open the incident held web down through October too; resolving put October back as it was.
    const october = getSlaReport(db, SLA_NEXT_MONTH, NOW).corrections;
    expect(october.map((c) => [c.component.slug, c.before.uptimePercentage, c.after.uptimePercentage])).toEqual([
      ['web', 100, 0],
      ['web', 0, 100],
    ]);
    // The backfill covers only its own span: web's 36 recorded minutes (Sep 20) stay, plus the backfilled 6
    expect(bySlug(SLA_MONTH).web.downtime_minutes).toBe(42);
  });

  it('counting the excess maintenance (Saleor §2): api September, 30 min window with 10 allowed → the last 20 count', () => {
    saveSlaSettings(db, { ...getSettings(db), maintenancePolicy: 'count_excess' }, OPS, NOW);
    // 70 counted before + 20 excess minutes (02:10–02:30, the outage 02:10–02:20 inside it counted once) = 90;
    // set aside: the excluded incident's 30 only → (43,200 − 90) / 43,200 = 99.791667 %.
    expect(bySlug(SLA_MONTH).api).toMatchObject({
      downtime_minutes: 90,
      excluded_minutes: 30,
      maintenance_minutes: 30,
      maintenance_policy: 'count_excess',
      maintenance_allowance_used_minutes: 10,
      maintenance_excess_minutes: 20,
      maintenance_excess_downtime_minutes: 20,
      uptime_percentage: 99.791667,
      met: false,
      credit_percent: 25,
    });
  });

  it('labels the current month as partial with a downtime budget', () => {
    const report = getSlaReport(db, '2026-11', NOW);
    expect(report.partial).toBe(true);
    const api = report.rows.find((r) => r.component.slug === 'api')!.figures;
    // Nov 1 → Nov 23 12:00 = 22.5 days; budget over the whole month 43,200 × 0.1 % = 43.2 min
    expect(api).toMatchObject({ minutesInMonth: 32_400, downtimeMinutes: 0, uptimePercentage: 100, partial: true, budgetRemainingMinutes: 43.2 });
    expect(freezeSlaMonth(db, '2026-11', NOW)).toBe(0);
    expect(db.select().from(slaMonths).where(eq(slaMonths.month, '2026-11')).all()).toHaveLength(0);
  });

  it('reading a closed month computes it without freezing it', () => {
    expect(bySlug(SLA_MONTH).api.downtime_minutes).toBe(70);
    expect(db.select().from(slaMonths).all()).toHaveLength(0);
  });
});

describe('response times', () => {
  it('reports September by severity', () => {
    const [sev1, sev2, sev3] = getResponseReport(db, SLA_MONTH, NOW).severities;
    // Sev1: first updates 20 and 15 min, resolves 60 and 30 min
    expect(sev1).toMatchObject({ count: 2, firstResponse: { medianMinutes: 17.5, worstMinutes: 20, withinTarget: 1 }, resolve: { medianMinutes: 45, worstMinutes: 60 } });
    // Sev2: first updates 45, 2, 10 min; resolves 120, 10, 30 min
    expect(sev2).toMatchObject({ count: 3, firstResponse: { medianMinutes: 10, worstMinutes: 45 }, resolve: { medianMinutes: 30, worstMinutes: 120 } });
    expect(sev3).toMatchObject({ count: 1, firstResponse: { medianMinutes: 5 }, resolve: { medianMinutes: 10 } });
  });
});

describe('resolveMonth', () => {
  it.each([['2026-13'], ['2026-9'], ['abc'], ['2027-01']])('%s is a 400', (m) => {
    expect(() => resolveMonth(m, NOW, 'UTC')).toThrow(BadRequestError);
  });
  it('defaults to the current month', () => {
    expect(resolveMonth(null, NOW, 'UTC')).toBe('2026-11');
    expect(resolveMonth('2026-09', NOW, 'UTC')).toBe('2026-09');
  });
});
