// Issue 22: one hanging webhook receiver delays no one. 500 receivers on loopback (every tenth never answers),
// the built server's worker sends one component change to all; the figure is when the last healthy one got it.
import http from 'node:http';
import path from 'node:path';

export const WEBHOOK_TARGET_MS = 2000;
const RECEIVERS = 500;

/** A receiver that records when the first request arrived; a hanging one reads the body and never answers. */
function startReceiver(hangs) {
  const r = { firstAt: null, hangs };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      r.firstAt ??= performance.now();
      if (!hangs) res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(Object.assign(r, {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    close: () => new Promise((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  }))));
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** One run: `hanging` of the receivers (spread evenly) never answer; returns the healthy ones' delays in ms. */
async function runOnce({ tmp, seedWebhookBench, startServer, log }, hanging) {
  const every = hanging ? Math.floor(RECEIVERS / hanging) : Infinity;
  const receivers = await Promise.all(Array.from({ length: RECEIVERS }, (_, i) => startReceiver(hanging > 0 && i % every === every - 1)));
  const dbPath = path.join(tmp, `webhooks-${hanging}.db`);
  const seed = seedWebhookBench(dbPath, receivers.map((r) => r.url), Date.now());
  const server = await startServer(dbPath);
  try {
    const healthy = receivers.filter((r) => !r.hangs);
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/v1/components/${seed.componentId}`, { method: 'PATCH', headers: { authorization: `Bearer ${seed.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'major_outage' }) });
    if (!res.ok) throw new Error(`status change failed: ${res.status} ${await res.text()}`);
    const deadline = t0 + 300_000;
    while (healthy.some((r) => r.firstAt === null) && performance.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
    const delays = healthy.map((r) => (r.firstAt === null ? Infinity : r.firstAt - t0)).sort((a, b) => a - b);
    log(`webhooks, ${hanging} of ${RECEIVERS} hanging: last healthy receiver after ${(delays.at(-1) / 1000).toFixed(2)} s`);
    return { hanging, healthy: healthy.length, firstMs: +delays[0].toFixed(0), medianMs: +pct(delays, 50).toFixed(0), p99Ms: +pct(delays, 99).toFixed(0), lastMs: +delays.at(-1).toFixed(0), perSecond: +((healthy.length * 1000) / delays.at(-1)).toFixed(1) };
  } finally {
    server.proc.kill('SIGKILL');
    await Promise.all(receivers.map((r) => r.close()));
  }
}

/** Both runs (all healthy, then 10 % hanging) and the target row; `deps` are bench/run.mjs's helpers. */
export async function webhookFairness(deps) {
  const runs = [await runOnce(deps, 0), await runOnce(deps, RECEIVERS / 10)];
  const met = runs[1].lastMs < WEBHOOK_TARGET_MS;
  return { runs, target: { target: `< ${WEBHOOK_TARGET_MS / 1000} s`, measured: `${(runs[1].lastMs / 1000).toFixed(2)} s`, met } };
}

export function printWebhookFairness(w) {
  console.log(`\nWebhook fairness: ${RECEIVERS} receivers on loopback, one component change; hanging receivers never answer (WEBHOOK_TIMEOUT_MS as configured, default 10 s).`);
  console.table(w.runs.map((r) => ({ hanging: r.hanging, healthy: r.healthy, 'first s': (r.firstMs / 1000).toFixed(2), 'median s': (r.medianMs / 1000).toFixed(2), 'p99 s': (r.p99Ms / 1000).toFixed(2), 'last healthy s': (r.lastMs / 1000).toFixed(2), 'healthy deliveries/s': r.perSecond })));
  console.log(`healthy receivers all served with 10 % hanging: ${w.target.measured} (target ${w.target.target}) ${w.target.met ? 'MET' : 'MISSED'}`);
}
