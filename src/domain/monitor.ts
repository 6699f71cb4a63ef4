/** Monitor verdicts: per-check evaluation, flap control, the multi-monitor rule and daily latency figures. */
// Decision: docs/decisions/014-monitor-verdicts-and-flap-control.md
import { MIN_MONITOR_INTERVAL_SECONDS, MS_PER_DAY, MS_PER_SECOND } from './constants';
import type { ComponentStatus } from './enums';

/** One check's outcome class. */
export type CheckOutcome = 'up' | 'degraded' | 'down';

/** A monitor's settled view plus the streaks that decide when it moves. */
export interface FlapState {
  verdict: CheckOutcome;
  failStreak: number;
  okStreak: number;
  slowStreak: number;
  fastStreak: number;
}

export const INITIAL_FLAP_STATE: FlapState = { verdict: 'up', failStreak: 0, okStreak: 0, slowStreak: 0, fastStreak: 0 };

/** Reads a stored state, falling back to the initial state for anything unreadable. */
export function parseFlapState(raw: unknown): FlapState {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Partial<FlapState>;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
  const verdict = o.verdict === 'down' || o.verdict === 'degraded' ? o.verdict : 'up';
  return { verdict, failStreak: n(o.failStreak), okStreak: n(o.okStreak), slowStreak: n(o.slowStreak), fastStreak: n(o.fastStreak) };
}

/**
 * Flap control: going down needs `fail` consecutive failures, recovering needs `recover` consecutive
 * successes; slowness uses the same thresholds (fail slow checks to degrade, recover fast ones to clear).
 */
export function nextFlapState(s: FlapState, outcome: CheckOutcome, fail: number, recover: number): FlapState {
  const k = Math.max(1, fail);
  const m = Math.max(1, recover);
  if (outcome === 'down') {
    const failStreak = s.failStreak + 1;
    return { verdict: failStreak >= k ? 'down' : s.verdict, failStreak, okStreak: 0, slowStreak: 0, fastStreak: 0 };
  }
  const okStreak = s.okStreak + 1;
  const slowStreak = outcome === 'degraded' ? s.slowStreak + 1 : 0;
  const fastStreak = outcome === 'up' ? s.fastStreak + 1 : 0;
  let verdict = s.verdict;
  if (s.verdict === 'down') {
    if (okStreak >= m) verdict = outcome;
  } else if (s.verdict === 'up') {
    if (slowStreak >= k) verdict = 'degraded';
  } else if (fastStreak >= m) {
    verdict = 'up';
  }
  return { verdict, failStreak: 0, okStreak, slowStreak, fastStreak };
}

/**
 * The multi-monitor rule for one component (active monitors only): all down → major_outage,
 * some down → partial_outage, any slow → degraded_performance, else operational; no monitors → null.
 */
export function componentMonitorStatus(verdicts: CheckOutcome[]): ComponentStatus | null {
  if (verdicts.length === 0) return null;
  const down = verdicts.filter((v) => v === 'down').length;
  if (down === verdicts.length) return 'major_outage';
  if (down > 0) return 'partial_outage';
  if (verdicts.includes('degraded')) return 'degraded_performance';
  return 'operational';
}

/** Classifies one check: a failure is down; a success slower than the threshold is degraded. */
export function classifyCheck(ok: boolean, latencyMs: number | null, degradedMs: number | null | undefined): CheckOutcome {
  if (!ok) return 'down';
  if (degradedMs != null && latencyMs != null && latencyMs > degradedMs) return 'degraded';
  return 'up';
}

/** Whether a status code lies in an inclusive range. */
export function statusInRange(code: number, range: { min: number; max: number }): boolean {
  return code >= range.min && code <= range.max;
}

export interface HttpExpectation {
  status: { min: number; max: number };
  keyword?: string | null;
  /** True: the keyword must be absent. */
  keywordAbsent?: boolean;
}

/** Judges an HTTP response against what the monitor expects; returns the failure reason or null. */
export function judgeHttpResponse(code: number, body: string, expect: HttpExpectation): string | null {
  if (!statusInRange(code, expect.status)) return `status ${code} outside ${expect.status.min}-${expect.status.max}`;
  if (expect.keyword) {
    const found = body.includes(expect.keyword);
    if (expect.keywordAbsent && found) return `keyword "${expect.keyword}" present`;
    if (!expect.keywordAbsent && !found) return `keyword "${expect.keyword}" missing`;
  }
  return null;
}

/** Days left before a certificate expires (floored; negative once expired). */
export function certDaysLeft(expiresAt: number, now: number): number {
  return Math.floor((expiresAt - now) / MS_PER_DAY);
}

/** Nearest-rank percentile of an ascending list; null when empty. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface DailyFigures {
  checks: number;
  failures: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** A day's figures from its raw results; latency percentiles count successful checks only. */
export function dailyFigures(results: { ok: boolean; latencyMs: number | null }[]): DailyFigures {
  const lat = results
    .filter((r) => r.ok && r.latencyMs != null)
    .map((r) => r.latencyMs as number)
    .sort((a, b) => a - b);
  return {
    checks: results.length,
    failures: results.filter((r) => !r.ok).length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
  };
}

/** Delay before a monitor's next check: its interval plus up to 10 % jitter so monitors do not fire in lockstep. */
export function nextDelayMs(intervalS: number, random: number): number {
  const base = Math.max(MIN_MONITOR_INTERVAL_SECONDS, intervalS) * MS_PER_SECOND;
  return Math.round(base + base * 0.1 * Math.min(1, Math.max(0, random)));
}

export const VERDICT_LABELS: Record<CheckOutcome, string> = { up: 'Up', degraded: 'Slow (degraded)', down: 'Down' };

/** A monitor-driven move into an outage (from anything better) opens a draft incident; worsening within an outage does not. */
export function opensIncident(old: ComponentStatus | null, next: ComponentStatus | null): boolean {
  const outage = (s: ComponentStatus | null) => s === 'partial_outage' || s === 'major_outage';
  return outage(next) && !outage(old);
}
