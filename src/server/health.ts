/** /healthz for load balancers: database reachable and accepting writes, migrations current, background jobs alive. */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from './db';
import { migrationsFolder } from './db';
import { countAppliedMigrations, pingDatabase } from './queries/health';
import { storageProblem } from './storage-health';
import { mirrorProblem, mirrorState } from './export/mirror-state';
import { renderFailures } from './render-failures';

const KEY = Symbol.for('statuspage.heartbeats');
type G = typeof globalThis & { [KEY]?: Map<string, number> };

/** Records that a background job (e.g. "monitor-runner", "clock") is alive. */
export function beat(job: string, now = Date.now()): void {
  const g = globalThis as G;
  (g[KEY] ??= new Map()).set(job, now);
}

export function lastBeat(job: string): number | null {
  return (globalThis as G)[KEY]?.get(job) ?? null;
}

export interface Health {
  status: 'ok' | 'fail';
  checks: Record<string, { ok: boolean; detail: string }>;
}

function checkHealth(db: Db, now: number, jobs: { name: string; maxAgeMs: number }[]): Health {
  const checks: Health['checks'] = {};
  try {
    pingDatabase(db);
    checks.database = { ok: true, detail: 'reachable' };
  } catch (err) {
    checks.database = { ok: false, detail: String((err as Error).message) };
  }
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = countAppliedMigrations(db);
    checks.migrations = { ok: applied === journal.entries.length, detail: `${applied}/${journal.entries.length} applied` };
  } catch (err) {
    checks.migrations = { ok: false, detail: String((err as Error).message) };
  }
  const storage = storageProblem();
  checks.storage = storage
    ? { ok: false, detail: `writes failing since ${new Date(storage.since).toISOString()}: ${storage.reason}` }
    : { ok: true, detail: 'writes succeeding' };
  for (const job of jobs) {
    const at = lastBeat(job.name);
    const ok = at !== null && now - at <= job.maxAgeMs;
    checks[job.name] = { ok, detail: at === null ? 'not running' : `last seen ${Math.round((now - at) / 1000)} s ago` };
  }
  const status = Object.values(checks).every((c) => c.ok) ? 'ok' : 'fail';
  // Reported, but a failing sync to the mirror must not take a healthy origin out of its load balancer.
  const mirror = mirrorState();
  if (mirror) checks.mirror = { ok: mirrorProblem(mirror) === null, detail: mirrorProblem(mirror) ?? mirrorDetail(mirror.lastExportAt, mirror.lastChangeId) };
  // Counted, not failed: an item shown as its source text keeps every page up.
  const md = renderFailures();
  checks.markdown = { ok: true, detail: md.count === 0 ? 'every item rendered' : `${md.count} item(s) shown as source text, last at ${new Date(md.lastAt!).toISOString()}` };
  return { status, checks };
}

function mirrorDetail(at: number | null, changeId: number | null): string {
  return at === null ? 'not exported yet' : `exported change ${changeId} at ${new Date(at).toISOString()}`;
}

export function healthHandler(db: Db, jobs: () => { name: string; maxAgeMs: number }[]) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    const h = checkHealth(db, Date.now(), jobs());
    res.writeHead(h.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(h));
  };
}
