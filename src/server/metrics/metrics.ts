/**
 * /metrics in Prometheus text format (prom-client), collected from the database on each scrape. Series are labelled
 * by stable ids (a rename keeps the series); names live in `_info` metrics. Checks are counters and a histogram of
 * running totals stored with each check, so they only rise (`rate()` works), whichever process ran the check.
 */
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import { cumulativeBuckets } from '../../domain/check-histogram';
import { COMPONENT_STATUSES, IMPACTS } from '../../domain/enums';
import { uptimeOfDays } from '../../domain/uptime';
import type { Config } from '../config';
import type { Db } from '../db';
import { checkTotals } from '../queries/metrics';
import { componentOnPage, type PageShows } from '../../domain/pages';
import { httpTallies } from './http-counters';
import { renderFailures } from '../render-failures';
import { getOverview } from '../queries/public';
import pkg from '../../../package.json' with { type: 'json' };

/** Whether a request may read /metrics: null = allowed, else the status to answer. */
export function metricsAccess(config: Config['metrics'], authorization: string | null): 404 | 401 | null {
  if (!config.enabled) return 404;
  if (config.token === null) return null;
  const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '');
  const want = Buffer.from(config.token);
  return given.length === want.length && timingSafeEqual(given, want) ? null : 401;
}

type Sample = { labels: Record<string, string>; value: number; metricName?: string };

/** A metric whose samples are given whole at scrape time (prom-client's own types cannot be set to stored totals). */
function stored(registry: Registry, name: string, help: string, type: 'counter' | 'histogram', values: Sample[]): void {
  registry.registerMetric({ name, help, type, get: () => ({ name, help, type, values, aggregator: 'sum' }) } as unknown as Metric);
}

function countBy(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** `page`: the status page asked (issue 24): its components, incidents and monitors only. */
export async function renderMetrics(db: Db, now: number, page: PageShows): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const info = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });

  info('statuspage_build_info', 'The running version (value 1).', ['version', 'node_version']).set({ version: pkg.version, node_version: process.version }, 1);

  const componentInfo = info('statuspage_component_info', 'Each visible component by id, with its name, slug and group (value 1).', ['component_id', 'name', 'slug', 'group']);
  const status = new Gauge({ name: 'statuspage_component_status', help: 'Current status of each component (1 for its status, 0 for the others).', labelNames: ['component_id', 'status'], registers: [registry] });
  const uptime = new Gauge({ name: 'statuspage_component_uptime_90d_ratio', help: 'Availability over the last 90 days (0–1; absent without data).', labelNames: ['component_id'], registers: [registry] });
  const o = getOverview(db, now, page);
  const grouped = [...o.groups.flatMap((g) => g.components.map((c) => ({ c, group: g.name }))), ...o.ungrouped.map((c) => ({ c, group: '' }))];
  for (const { c, group } of grouped) {
    const component_id = String(c.id);
    componentInfo.set({ component_id, name: c.name, slug: c.slug, group }, 1);
    for (const s of COMPONENT_STATUSES) status.set({ component_id, status: s }, c.status === s ? 1 : 0);
    const u = uptimeOfDays(c.days.slice(-90));
    if (u !== null) uptime.set({ component_id }, u / 100);
  }

  const open = new Gauge({ name: 'statuspage_open_incidents', help: 'Unresolved published incidents by impact.', labelNames: ['impact'], registers: [registry] });
  const byImpact = countBy(o.activeIncidents.map((i) => i.impact));
  for (const i of IMPACTS) open.set({ impact: i }, byImpact.get(i) ?? 0);

  const monitors = checkTotals(db).filter((m) => componentOnPage(page, m.componentId));
  const monitorInfo = info('statuspage_monitor_info', 'Each monitor by id, with its name, type and component (value 1).', ['monitor_id', 'name', 'type', 'component_id']);
  const checks: Sample[] = [];
  const latency: Sample[] = [];
  for (const m of monitors) {
    const monitor_id = String(m.monitorId);
    monitorInfo.set({ monitor_id, name: m.name, type: m.type, component_id: String(m.componentId) }, 1);
    for (const result of ['up', 'degraded', 'down'] as const) checks.push({ labels: { monitor_id, result }, value: m.totals[result] });
    for (const b of cumulativeBuckets(m.totals)) latency.push({ metricName: 'statuspage_monitor_check_latency_seconds_bucket', labels: { monitor_id, le: b.le }, value: b.count });
    latency.push({ metricName: 'statuspage_monitor_check_latency_seconds_sum', labels: { monitor_id }, value: m.totals.latencySumS });
    latency.push({ metricName: 'statuspage_monitor_check_latency_seconds_count', labels: { monitor_id }, value: m.totals.latencyCount });
  }
  stored(registry, 'statuspage_monitor_checks_total', 'Monitor checks run since the monitor was created, by result.', 'counter', checks);
  stored(registry, 'statuspage_monitor_check_latency_seconds', 'Latency of monitor checks that got an answer, since the monitor was created.', 'histogram', latency);

  const requests = new Counter({ name: 'statuspage_http_requests_total', help: 'HTTP requests answered by this process, by route pattern and status.', labelNames: ['route', 'status'], registers: [registry] });
  const cache = new Counter({ name: 'statuspage_http_cache_requests_total', help: 'Public cache lookups by this process: hit, miss (rendered) or coalesced (joined a render).', labelNames: ['result'], registers: [registry] });
  const http = httpTallies();
  for (const r of http.requests) requests.inc({ route: r.route, status: r.status }, r.n);
  for (const r of http.cache) cache.inc({ result: r.result }, r.n);

  const md = new Counter({ name: 'statuspage_markdown_render_failures_total', help: 'Distinct items (updates, post-mortems, templates) shown as their source text because they could not be rendered.', registers: [registry] });
  md.inc(renderFailures().count);

  return { body: await registry.metrics(), contentType: registry.contentType };
}
