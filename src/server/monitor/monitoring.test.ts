import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { components, monitorDaily, monitorResults, monitors, statusDeclarations, statusIntervals } from '../../../db/schema';
import { MS_PER_DAY } from '../../domain/constants';
import { dayIndex } from '../../domain/time';
import { freshDb } from '../../testing/db';
import type { Db } from '../db';
import { createLogger } from '../log';
import { SYSTEM } from '../services/actor';
import { createComponent, requireComponent, setComponentStatus } from '../services/components';
import { aggregateMonitorDay, purgeMonitorResults, recordCheck } from '../services/monitoring';
import { createMonitor, requireMonitor, setMonitorPaused } from '../services/monitors';
import { runProbe } from './probe';
import { startMonitorRunner } from './runner';
import { startHttpTarget, startTcpTarget, type HttpTarget } from '../../testing/monitor-targets';

let target: HttpTarget;
let db: Db;
let componentId: number;
const T0 = Date.UTC(2026, 10, 20, 12);

beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());
beforeEach(() => {
  db = freshDb();
  target.mode = 'up';
  componentId = createComponent(db, { name: 'API', startDate: T0 - MS_PER_DAY }, SYSTEM, T0).id;
});

function httpMonitor(extra: Record<string, unknown> = {}, timeoutMs = 1000, cid = componentId) {
  return createMonitor(db, { componentId: cid, name: 'health', type: 'http', config: { url: target.url, degradedMs: 100, ...extra }, intervalS: 10, timeoutMs }, SYSTEM, T0);
}

/** Probes the monitor once for real and records the result at time `at`. */
async function checkAt(monitorId: number, at: number) {
  const m = requireMonitor(db, monitorId);
  const r = await runProbe(m, () => at);
  return { result: r, rec: recordCheck(db, monitorId, r, at)! };
}

const status = () => requireComponent(db, componentId).status;

describe('HTTP monitor against a live target', () => {
  it('goes down after 3 failures and recovers after 2 successes, recording monitor intervals', async () => {
    const m = httpMonitor();
    let t = T0;
    target.mode = 'down';
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push((await checkAt(m.id, (t += 10_000))).rec.verdict);
    expect(verdicts).toEqual(['up', 'up', 'down']);
    expect(status()).toBe('major_outage');
    target.mode = 'up';
    expect((await checkAt(m.id, (t += 10_000))).rec.verdict).toBe('down');
    expect(status()).toBe('major_outage');
    expect((await checkAt(m.id, t + 10_000)).rec.verdict).toBe('up');
    expect(status()).toBe('operational');
    const ivs = db.select().from(statusIntervals).where(eq(statusIntervals.componentId, componentId)).orderBy(statusIntervals.startedAt).all();
    expect(ivs.map((i) => i.status)).toEqual(['operational', 'major_outage', 'operational']);
    expect(ivs[1].startedAt).toBe(T0 + 30_000);
    const declared = db.select().from(statusDeclarations).where(eq(statusDeclarations.componentId, componentId)).all();
    expect(declared.filter((d) => d.status === 'major_outage').map((d) => [d.source, d.startedAt, d.endedAt])).toEqual([['monitor', T0 + 30_000, T0 + 50_000]]);
    expect(declared.at(-1)).toMatchObject({ source: 'monitor', status: 'operational', startedAt: T0 + 50_000, endedAt: null });
  });

  it('a single failure does not flip the component', async () => {
    const m = httpMonitor();
    target.mode = 'down';
    await checkAt(m.id, T0 + 10_000);
    target.mode = 'up';
    await checkAt(m.id, T0 + 20_000);
    target.mode = 'down';
    await checkAt(m.id, T0 + 30_000);
    await checkAt(m.id, T0 + 40_000);
    expect(status()).toBe('operational');
  });

  it('measures latency and detects a slow target as degraded', async () => {
    const m = httpMonitor();
    const fast = await checkAt(m.id, T0 + 1);
    expect(fast.result).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(fast.result.latencyMs).toBeLessThan(100);
    target.mode = 'slow';
    for (let i = 2; i <= 4; i++) {
      const slow = await checkAt(m.id, T0 + i);
      expect(slow.result.ok).toBe(true);
      expect(slow.result.latencyMs).toBeGreaterThanOrEqual(140);
      expect(slow.rec.outcome).toBe('degraded');
    }
    expect(status()).toBe('degraded_performance');
    const stored = db.select().from(monitorResults).all();
    expect(stored.filter((r) => r.degraded)).toHaveLength(3);
  });

  it('cuts a hung target at its timeout', async () => {
    const m = httpMonitor({}, 300);
    target.mode = 'hang';
    const started = performance.now();
    const { result } = await checkAt(m.id, T0 + 1);
    const took = performance.now() - started;
    expect(result.ok).toBe(false);
    expect(result.error).toBe('timed out after 300 ms');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1000);
  });

  it('checks status range, keyword presence/absence and bounded redirects', async () => {
    const cases: [Record<string, unknown>, string, boolean, string | null][] = [
      [{ keyword: 'systems go' }, 'up', true, null],
      [{ keyword: 'nope' }, 'up', false, 'keyword "nope" missing'],
      [{ keyword: 'systems', keywordAbsent: true }, 'up', false, 'keyword "systems" present'],
      [{ expectedStatus: '500-599' }, 'down', true, null],
      [{}, 'redirect-once', true, null],
      [{ followRedirects: false, expectedStatus: '200' }, 'redirect-once', false, 'status 301 outside 200-200'],
      [{ maxRedirects: 3 }, 'redirect-loop', false, 'more than 3 redirects'],
    ];
    for (const [cfg, mode, ok, error] of cases) {
      target.mode = mode as HttpTarget['mode'];
      const r = await runProbe({ type: 'http', timeoutMs: 1000, config: JSON.stringify({ url: target.url, expectedStatus: '200-299', followRedirects: true, maxRedirects: 5, headers: {}, keywordAbsent: false, certExpiryDays: 14, method: 'GET', ...cfg }) });
      expect({ cfg, ok: r.ok, error: r.error }).toEqual({ cfg, ok, error });
    }
  });

  it('treats a TLS failure as a failed check', async () => {
    // A plain-HTTP server spoken to over TLS fails the handshake.
    const r = await runProbe({ type: 'http', timeoutMs: 1000, config: JSON.stringify({ url: target.url.replace('http:', 'https:') }) });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/SSL|TLS|EPROTO|wrong version/i);
  });

  it('an operator status wins over the monitor, whose own view stays recorded', async () => {
    const m = httpMonitor();
    setComponentStatus(db, componentId, 'operational', SYSTEM, T0 + 1);
    target.mode = 'down';
    for (let i = 1; i <= 3; i++) await checkAt(m.id, T0 + i * 10_000);
    const c = requireComponent(db, componentId);
    expect(c.monitorStatus).toBe('major_outage');
    expect(c.status).toBe('operational');
    setComponentStatus(db, componentId, null, SYSTEM, T0 + 50_000);
    expect(status()).toBe('major_outage');
  });

  it('combines several monitors: some failing → partial, all failing → major, paused ones ignored', async () => {
    const a = httpMonitor();
    const tcp = await startTcpTarget();
    const b = createMonitor(db, { componentId, name: 'port', type: 'tcp', config: { host: '127.0.0.1', port: tcp.port }, intervalS: 10, timeoutMs: 500, failThreshold: 1 }, SYSTEM, T0);
    expect((await checkAt(b.id, T0 + 1)).result.ok).toBe(true);
    await tcp.down();
    const down = await checkAt(b.id, T0 + 2);
    expect(down.result).toMatchObject({ ok: false });
    expect(down.result.error).toMatch(/ECONNREFUSED/);
    expect(status()).toBe('partial_outage');
    target.mode = 'down';
    for (let i = 3; i <= 5; i++) await checkAt(a.id, T0 + i);
    expect(status()).toBe('major_outage');
    setMonitorPaused(db, b.id, true, SYSTEM, T0 + 6);
    expect(status()).toBe('major_outage');
    target.mode = 'up';
    await tcp.up();
    setMonitorPaused(db, a.id, true, SYSTEM, T0 + 7);
    expect(requireComponent(db, componentId).monitorStatus).toBeNull();
    expect(status()).toBe('operational');
    await tcp.down();
  });
});

describe('daily figures and retention', () => {
  const check = (monitorId: number, at: number, ok: boolean, latencyMs: number) => recordCheck(db, monitorId, { at, ok, latencyMs, statusCode: ok ? 200 : 503, error: ok ? null : 'x', certExpiresAt: null }, at);

  it('aggregates checks, failures and percentiles per day, then purges old raw results but keeps the figures', () => {
    const m = httpMonitor();
    const day = dayIndex(T0);
    for (const [i, l] of [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].entries()) check(m.id, T0 + i, true, l);
    check(m.id, T0 + 20, false, 1000);
    check(m.id, T0 + 2 * MS_PER_DAY, true, 5);
    expect(aggregateMonitorDay(db, day, m.id)).toBe(true);
    expect(aggregateMonitorDay(db, day + 1, m.id)).toBe(false); // no results that day
    expect(db.select().from(monitorDaily).where(eq(monitorDaily.day, day)).get()).toMatchObject({ checks: 11, failures: 1, p50: 50, p95: 100, p99: 100 });

    expect(purgeMonitorResults(db, T0 + 30 * MS_PER_DAY, 30)).toBe(0); // day `day` is still inside 30 days
    expect(purgeMonitorResults(db, T0 + 31 * MS_PER_DAY, 30, 4)).toBe(4); // in batches
    expect(purgeMonitorResults(db, T0 + 31 * MS_PER_DAY, 30)).toBe(7);
    expect(db.select().from(monitorResults).all()).toHaveLength(1);
    expect(db.select().from(monitorDaily).all().map((d) => [d.day, d.checks])).toEqual([[day, 11]]);
  });

  it('the runner finalises past days and purges expired raw results in the background', async () => {
    const m = httpMonitor();
    const now = T0 + 40 * MS_PER_DAY;
    check(m.id, T0, true, 10); // 40 days old: expired
    check(m.id, now - MS_PER_DAY, true, 20); // yesterday
    check(m.id, now - MS_PER_DAY + 1, false, 0);
    check(m.id, now - 1000, true, 30); // today
    db.update(monitors).set({ paused: true }).run(); // housekeeping only
    const runner = startMonitorRunner(db, createLogger('silent'), { retentionDays: 30, now: () => now });
    await vi.waitFor(() => {
      const daily = db.select().from(monitorDaily).orderBy(monitorDaily.day).all();
      expect(daily.map((d) => [d.day - dayIndex(now), d.checks, d.failures, d.p50])).toEqual([
        [-40, 1, 0, 10],
        [-1, 2, 1, 20],
        [0, 1, 0, 30],
      ]);
      expect(db.select().from(monitorResults).all().map((r) => r.latencyMs)).toEqual([20, 0, 30]);
    });
    runner.stop();
  });
});

describe('runner', () => {
  it('schedules active monitors on timers, records results, and stops cleanly', async () => {
    const m = httpMonitor();
    const logs: string[] = [];
    const runner = startMonitorRunner(db, createLogger('info', (l) => logs.push(l)), { retentionDays: 30, random: () => 0 });
    expect(runner.size).toBe(1);
    const deadline = Date.now() + 3000;
    while (db.select().from(monitorResults).where(eq(monitorResults.monitorId, m.id)).all().length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    runner.stop();
    expect(db.select().from(monitorResults).all()).toHaveLength(1);
    expect(db.select().from(components).get()?.status).toBe('operational');
    expect(logs.join('')).toContain('monitor runner started');
  });

  it('picks up pauses, new monitors and deletions from the table', async () => {
    const a = httpMonitor();
    const runner = startMonitorRunner(db, createLogger('silent'), { retentionDays: 30, syncEveryMs: 20 });
    expect(runner.size).toBe(1);
    setMonitorPaused(db, a.id, true, SYSTEM, T0);
    httpMonitor();
    await new Promise((r) => setTimeout(r, 100));
    expect(runner.size).toBe(1);
    setMonitorPaused(db, a.id, false, SYSTEM, T0);
    await vi.waitFor(() => expect(runner.size).toBe(2));
    runner.stop();
    expect(runner.size).toBe(0);
  });
});
