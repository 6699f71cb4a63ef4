#!/usr/bin/env node
// node bench/profile-render.mjs [route ...] [--cpu-prof] — quick in-process look at uncached renders on the bench seed.
// Seeds once into $PROFILE_DB (kept between runs), starts the built server, times 200 signed-in requests per route.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const prof = args.includes('--cpu-prof');
const routes = args.filter((a) => !a.startsWith('--'));
const db = process.env.PROFILE_DB ?? path.join(os.tmpdir(), 'statuspage-profile.db');
const meta = `${db}.json`;
if (!fs.existsSync(meta)) {
  const { seedBench } = await import(path.join(ROOT, 'dist/bench/seed.mjs'));
  const s = seedBench({ file: db, now: Date.now(), monitoredComponents: Number(process.env.PROFILE_MONITORED ?? 0), incidents: 500, maintenances: 50, historyRows: 0 });
  fs.writeFileSync(meta, JSON.stringify(s));
}
const seed = JSON.parse(fs.readFileSync(meta, 'utf8'));
// Server on core 0, this client on core 1 (as bench/run.mjs does), so the two do not share a core.
const PIN = spawnSync('sh', ['-c', 'command -v taskset']).status === 0 && os.cpus().length >= 2;
if (PIN) spawnSync('taskset', ['-cp', '1', String(process.pid)]);
const N = Number(process.env.PROFILE_N ?? 200);
const port = 20000 + Math.floor(Math.random() * 20000);
const profDir = prof ? fs.mkdtempSync(path.join(os.tmpdir(), 'statuspage-cpuprof-')) : null;
const proc = spawn(PIN ? 'taskset' : process.execPath, [...(PIN ? ['-c', '0', process.execPath] : []), ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), `--max-semi-space-size=${process.env.SEMI ?? 4}`, path.join(ROOT, 'dist/server/main.mjs')], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: db, MONITORS: 'off', LOG_LEVEL: 'warn', SITE_URL: `http://127.0.0.1:${port}` },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (;;) {
  try { if ((await fetch(url + '/healthz')).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 20));
}
/** CPU time (user + system) the server has used, in ms: steadier than wall time on a machine that shares its cores. */
function cpuMs(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}
const headers = { cookie: `sp_session=${seed.session}` };
for (const route of routes.length ? routes : ['/', `/components/${seed.slugs[0]}`, '/incidents/1']) {
  const times = [];
  let bytes = 0;
  const cpu0 = cpuMs(proc.pid);
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const r = await fetch(url + route, { headers });
    const b = await r.arrayBuffer();
    if (r.status !== 200 || r.headers.get('x-cache')) throw new Error(`${route}: ${r.status}`);
    times.push(performance.now() - t);
    bytes = b.byteLength;
  }
  times.sort((a, b) => a - b);
  const cpu = (cpuMs(proc.pid) - cpu0) / N;
  console.log(`${route}: median ${times[N >> 1].toFixed(2)} ms, p90 ${times[Math.floor(N * 0.9)].toFixed(2)} ms, server CPU ${cpu.toFixed(2)} ms/request, ${bytes} bytes`);
}
proc.kill('SIGINT');
await new Promise((r) => proc.on('exit', r));
if (prof) {
  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const p = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8'));
  const self = new Map();
  const dt = p.timeDeltas; const total = dt.reduce((a, b) => a + b, 0);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const n = byId.get(id); const f = n.callFrame;
    const k = `${f.functionName || '(anon)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + dt[i]);
  });
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  if (process.env.KEEP_PROF) fs.copyFileSync(path.join(profDir, file), process.env.KEEP_PROF);
  fs.rmSync(profDir, { recursive: true, force: true });
}
