import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SYSTEM } from '../server/services/actor';
import { createComponent } from '../server/services/components';
import { createMonitor } from '../server/services/monitors';
import { startHttpTarget, type HttpTarget } from '../testing/monitor-targets';
import { MAIN, seedDatabase, startServer, tempDbPath, type RunningServer } from '../testing/server-harness';
import { connectSse } from '../testing/sse-client';

let server: RunningServer | undefined;
let monitorProc: ChildProcess | undefined;
let target: HttpTarget | undefined;

afterAll(async () => {
  monitorProc?.kill('SIGTERM');
  await server?.stop();
  await target?.close();
});

it('the separate monitor process takes a component down and the web server streams it to browsers', async () => {
  target = await startHttpTarget();
  target.mode = 'down';
  const dbPath = tempDbPath('statuspage-monitor-cli-');
  seedDatabase(dbPath, (db) => {
    const c = createComponent(db, { name: 'API', slug: 'api' }, SYSTEM, Date.now());
    createMonitor(db, { componentId: c.id, name: 'health', type: 'http', config: { url: target!.url }, intervalS: 10, timeoutMs: 1000, failThreshold: 1 }, SYSTEM, Date.now());
  });
  server = await startServer({ dbPath, env: { LOG_LEVEL: 'warn' } }); // MONITORS=off: probing runs apart
  const sse = await connectSse(`${server.baseURL}/api/stream`);
  await sse.waitFor((e) => e.event === 'hello');

  monitorProc = spawn(process.execPath, [path.join(path.dirname(MAIN), '../cli/monitor.mjs')], {
    env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  monitorProc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  monitorProc.stderr!.on('data', (b: Buffer) => (out += b.toString()));

  const e = await sse.waitFor((x) => x.event === 'change' && JSON.parse(x.data).kind === 'component.status', 20_000).catch((err) => {
    throw new Error(`${err.message}\nmonitor output:\n${out}`);
  });
  expect(JSON.parse(e.data)).toMatchObject({ entity: 'component' });
  const page = await (await fetch(`${server.baseURL}/`)).text();
  expect(page).toMatch(/data-component="api" data-status="major_outage"/);
  expect(out).toContain('monitor verdict changed');
  sse.close();
}, 40_000);
