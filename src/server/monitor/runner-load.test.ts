import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { monitorResults, monitors } from '../../../db/schema';
import { INITIAL_FLAP_STATE } from '../../domain/monitor';
import { freshDb } from '../../testing/db';
import { startHttpTarget, type HttpTarget } from '../../testing/monitor-targets';
import { createLogger } from '../log';
import { SYSTEM } from '../services/actor';
import { createComponent } from '../services/components';
import { startMonitorRunner } from './runner';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());

it('runs 500 monitors at 30 s in one process without stalling the event loop', async () => {
  const db = freshDb();
  const now = Date.now();
  const config = JSON.stringify({ url: target.url, method: 'GET', expectedStatus: '200-299', headers: {}, keywordAbsent: false, followRedirects: true, maxRedirects: 5, certExpiryDays: 14 });
  for (let c = 0; c < 50; c++) {
    const comp = createComponent(db, { name: `svc ${c}` }, SYSTEM, now);
    db.insert(monitors)
      .values(Array.from({ length: 10 }, (_, i) => ({ componentId: comp.id, name: `m${i}`, type: 'http' as const, config, intervalS: 30, timeoutMs: 5000, state: JSON.stringify(INITIAL_FLAP_STATE) })))
      .run();
  }
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  // First checks spread over 10 s: a harsher burst (50 checks/s) than 500 monitors over a 30 s interval.
  const runner = startMonitorRunner(db, createLogger('silent'), { retentionDays: 30, startSpreadMs: 10_000 });
  expect(runner.size).toBe(500);
  const deadline = Date.now() + 20_000;
  let done: number;
  while ((done = db.select().from(monitorResults).all().length) < 500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  runner.stop();
  lag.disable();
  expect(done).toBe(500);
  const results = db.select().from(monitorResults).all();
  expect(results.every((r) => r.ok)).toBe(true);
  const ats = results.map((r) => r.at);
  expect(Math.max(...ats) - Math.min(...ats)).toBeGreaterThan(5000); // spread out, not in lockstep
  expect(lag.percentile(99) / 1e6).toBeLessThan(200);
}, 40_000);
