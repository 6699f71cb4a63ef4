// Issue 23: a fan-out to 50,000 e-mail subscribers never stalls the page. The built server sends one incident to a
// local SMTP sink with the rate limit lifted, while a client keeps asking for `/`; once with every subscriber
// following everything, once with each following one of 20 components (the incident touches all 20).
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export const FANOUT_TARGETS = { seconds: 120, p99Ms: 20, rssMb: 250 };

/** An SMTP server that only counts: connections, and messages with the time the last one arrived. */
async function startCountingSink() {
  const sink = { connections: 0, messages: 0, lastAt: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect: (_s, cb) => (sink.connections++, cb()),
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => ((sink.messages++, (sink.lastAt = performance.now())), cb()));
    },
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return Object.assign(sink, { url: `smtp://127.0.0.1:${server.server.address().port}`, close: () => new Promise((ok) => server.close(ok)) });
}

const peakRssMb = (pid) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? null;

/** `GET /` one request at a time until `done()`; returns the latencies in ms, sorted. */
async function probe(url, done) {
  const times = [];
  while (!done()) {
    const t = performance.now();
    const r = await fetch(url + '/');
    await r.arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((ok) => setTimeout(ok, 5));
  }
  return times.sort((a, b) => a - b);
}

async function runOnce({ tmp, seedMailBench, startServer, log }, count, perComponent) {
  const sink = await startCountingSink();
  const dbPath = path.join(tmp, `fanout-${count}-${perComponent ? 'components' : 'all'}.db`);
  const t = performance.now();
  const seed = seedMailBench(dbPath, count, perComponent, Date.now());
  log(`fan-out: ${count} subscribers${perComponent ? ' of single components' : ''} seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const server = await startServer(dbPath, { SMTP_URL: sink.url, MAIL_FROM: 'Bench <status@example.com>', MAIL_RATE_PER_MINUTE: '100000', MAIL_TIMEOUT_MS: '30000' });
  try {
    const t0 = performance.now();
    const body = { name: 'Everything is slow', impact: 'major', status: 'investigating', body: 'We are **investigating** elevated error rates.\n\n- API\n- Dashboard', components: Object.fromEntries(seed.slugs.map((s) => [s, 'partial_outage'])) };
    const res = await fetch(`${server.url}/api/v1/incidents`, { method: 'POST', headers: { authorization: `Bearer ${seed.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`incident not created: ${res.status} ${await res.text()}`);
    const deadline = t0 + 600_000;
    const all = () => sink.messages >= count || performance.now() > deadline;
    const times = await probe(server.url, all);
    const seconds = ((sink.lastAt ?? performance.now()) - t0) / 1000;
    const r = { subscribers: count, following: perComponent ? 'one component' : 'everything', delivered: sink.messages, seconds: +seconds.toFixed(1), perSecond: Math.round(sink.messages / seconds), connections: sink.connections, probes: times.length, p50Ms: +pct(times, 50).toFixed(1), p99Ms: +pct(times, 99).toFixed(1), maxMs: +times.at(-1).toFixed(1), peakRssMb: Math.round(peakRssMb(server.proc.pid)) };
    log(`fan-out: ${r.delivered}/${count} in ${r.seconds} s over ${r.connections} connections; GET / p99 ${r.p99Ms} ms; peak RSS ${r.peakRssMb} MB`);
    return r;
  } finally {
    server.proc.kill('SIGKILL');
    await sink.close();
    fs.rmSync(dbPath, { force: true });
  }
}

const metBy = (r) => r.delivered === r.subscribers && r.seconds < FANOUT_TARGETS.seconds && r.p99Ms < FANOUT_TARGETS.p99Ms && r.peakRssMb < FANOUT_TARGETS.rssMb;

/** Both runs and the target row; `deps` are bench/run.mjs's helpers. */
export async function mailFanout(deps, count = 50_000) {
  const runs = [await runOnce(deps, count, false), await runOnce(deps, count, true)];
  const worst = (k) => Math.max(...runs.map((r) => r[k]));
  return { runs, target: { target: `< ${FANOUT_TARGETS.seconds} s, / p99 < ${FANOUT_TARGETS.p99Ms} ms, RSS < ${FANOUT_TARGETS.rssMb} MB`, measured: `${worst('seconds')} s, ${worst('p99Ms')} ms, ${worst('peakRssMb')} MB`, met: runs.every(metBy) } };
}

export function printMailFanout(f) {
  console.log('\nMail fan-out: one incident to every subscriber, local SMTP sink, MAIL_RATE_PER_MINUTE=100000; `GET /` asked one at a time throughout.');
  console.table(f.runs.map((r) => ({ subscribers: r.subscribers, following: r.following, delivered: r.delivered, 's to last': r.seconds, 'msgs/s': r.perSecond, 'SMTP connections': r.connections, 'GET / p50 ms': r.p50Ms, 'GET / p99 ms': r.p99Ms, 'GET / max ms': r.maxMs, 'peak RSS MB': r.peakRssMb })));
  console.log(`mail fan-out of ${f.runs[0].subscribers}: ${f.target.measured} (target ${f.target.target}) ${f.target.met ? 'MET' : 'MISSED'}`);
}
