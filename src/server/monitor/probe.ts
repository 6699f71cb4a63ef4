/** Runs the right probe for a stored monitor row. */
import { HttpMonitorConfig, TcpMonitorConfig } from '../../domain/monitor-config';
import type { MonitorType } from '../../domain/enums';
import { probeHttp } from './probe-http';
import { probeTcp } from './probe-tcp';

/** The raw result of one check, as stored in monitor_results. */
export interface ProbeResult {
  at: number;
  ok: boolean;
  latencyMs: number | null;
  statusCode: number | null;
  /** Why it failed, or a warning on a success (certificate expiring). */
  error: string | null;
  certExpiresAt: number | null;
}

export interface ProbeTarget {
  type: MonitorType;
  config: string;
  timeoutMs: number;
}

/** Parses the monitor's config and runs its probe; a broken config is a failed check, not a crash. */
export async function runProbe(m: ProbeTarget, now: () => number = Date.now): Promise<ProbeResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(m.config);
  } catch {
    raw = null;
  }
  if (m.type === 'http') {
    const cfg = HttpMonitorConfig.safeParse(raw);
    if (cfg.success) return probeHttp(cfg.data, m.timeoutMs, now);
  } else {
    const cfg = TcpMonitorConfig.safeParse(raw);
    if (cfg.success) return probeTcp(cfg.data, m.timeoutMs, now);
  }
  return { at: now(), ok: false, latencyMs: null, statusCode: null, error: 'invalid monitor settings', certExpiresAt: null };
}

/** The configured degraded-latency threshold, if any. */
export function degradedThreshold(config: string): number | null {
  try {
    const v = (JSON.parse(config) as { degradedMs?: unknown }).degradedMs;
    return typeof v === 'number' ? v : null;
  } catch {
    return null;
  }
}
