/** /metrics in Prometheus text format (prom-client), collected from the database on each scrape. */
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { COMPONENT_STATUSES, IMPACTS } from '../../domain/enums';
import { uptimeOfDays } from '../../domain/uptime';
import type { Config } from '../config';
import type { Db } from '../db';
import { recentChecks } from '../queries/metrics';
import { componentOnPage, type PageShows } from '../../domain/pages';
import { httpTallies } from './http-counters';
import { renderFailures } from '../render-failures';
import { getOverview } from '../queries/public';

const HOUR = 3_600_000;

/** Whether a request may read /metrics: null = allowed, else the status to answer. */
export function metricsAccess(config: Config['metrics'], authorization: string | null): 404 | 401 | null {
  if (!config.enabled) return 404;
  if (config.token === null) return null;
  const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '');
  const want = Buffer.from(config.token);
  return given.length === want.length && timingSafeEqual(given, want) ? null : 401;
}

/** `page`: the status page asked (issue 24): its components, incidents and monitors only. */
function countBy(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

export async function renderMetrics(db: Db, now: number, page: PageShows): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const status = new Gauge({ name: 'statuspage_component_status', help: 'Current status of each component (1 for its status).', labelNames: ['component', 'status'], registers: [registry] });
  const uptime = new Gauge({ name: 'statuspage_component_uptime_90d_ratio', help: 'Uptime over the last 90 days (0–1; absent without data).', labelNames: ['component'], registers: [registry] });
  const open = new Gauge({ name: 'statuspage_open_incidents', help: 'Unresolved published incidents by impact.', labelNames: ['impact'], registers: [registry] });
  const latency = new Histogram({ name: 'statuspage_monitor_check_latency_seconds', help: 'Monitor check latency over the last hour.', labelNames: ['monitor'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const checks = new Counter({ name: 'statuspage_monitor_checks_last_hour', help: 'Monitor checks in the last hour by result.', labelNames: ['monitor', 'result'], registers: [registry] });

  const requests = new Counter({ name: 'statuspage_http_requests_total', help: 'HTTP requests answered by this process, by route pattern and status.', labelNames: ['route', 'status'], registers: [registry] });
  const cache = new Counter({ name: 'statuspage_http_cache_requests_total', help: 'Public cache lookups by this process: hit, miss (rendered) or coalesced (joined a render).', labelNames: ['result'], registers: [registry] });
  const http = httpTallies();
  for (const r of http.requests) requests.inc({ route: r.route, status: r.status }, r.n);
  for (const r of http.cache) cache.inc({ result: r.result }, r.n);

  const md = new Counter({ name: 'statuspage_markdown_render_failures_total', help: 'Distinct items (updates, post-mortems, templates) shown as their source text because they could not be rendered.', registers: [registry] });
  md.inc(renderFailures().count);

  const o = getOverview(db, now, page);
  for (const c of [...o.groups.flatMap((g) => g.components), ...o.ungrouped]) {
    for (const s of COMPONENT_STATUSES) status.set({ component: c.name, status: s }, c.status === s ? 1 : 0);
    const u = uptimeOfDays(c.days.slice(-90));
    if (u !== null) uptime.set({ component: c.name }, u / 100);
  }
  const byImpact = countBy(o.activeIncidents.map((i) => i.impact));
  for (const i of IMPACTS) open.set({ impact: i }, byImpact.get(i) ?? 0);
  for (const r of recentChecks(db, now - HOUR).filter((c) => componentOnPage(page, c.componentId))) {
    checks.inc({ monitor: r.monitor, result: r.ok ? 'up' : 'down' });
    if (r.latencyMs !== null) latency.observe({ monitor: r.monitor }, r.latencyMs / 1000);
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}
