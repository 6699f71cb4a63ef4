/** Runs the right probe for a stored monitor row. */
import { HttpMonitorConfig, TcpMonitorConfig } from '../../domain/monitor-config';
import type { MonitorType } from '../../domain/enums';
import { DEFAULT_TARGET_POLICY, type TargetPolicy } from '../../domain/target-policy';
import { probeHttp, type ProbeResult } from './probe-http';
import { probeTcp } from './probe-tcp';

export type { ProbeResult };

export interface ProbeTarget {
  type: MonitorType;
  config: string;
  timeoutMs: number;
}

/** Parses the monitor's config and runs its probe under the target policy; a broken config is a failed check, not a crash. */
export async function runProbe(m: ProbeTarget, now: () => number = Date.now, policy: TargetPolicy = DEFAULT_TARGET_POLICY): Promise<ProbeResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(m.config);
  } catch {
    raw = null;
  }
  const cfg = m.type === 'http' ? HttpMonitorConfig.safeParse(raw) : TcpMonitorConfig.safeParse(raw);
  if (cfg.success) return m.type === 'http' ? probeHttp(cfg.data as HttpMonitorConfig, m.timeoutMs, { now, policy }) : probeTcp(cfg.data as TcpMonitorConfig, m.timeoutMs, { now, policy });
  // Settings saved before a rule tightened (e.g. a PUT check) fail visibly until an admin edits them.
  const why = cfg.error.issues[0] ? `: ${cfg.error.issues[0].message}` : '';
  return { at: now(), ok: false, latencyMs: null, statusCode: null, error: `invalid monitor settings${why}`, certExpiresAt: null };
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
