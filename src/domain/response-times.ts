/** Incident response times (DESIGN rule 6): first public update and resolution, per severity, against targets. */
// Decision: docs/decisions/012-incident-response-times.md
import { MS_PER_MINUTE } from './constants';

const SEVERITIES = [
  { impact: 'critical', label: 'Sev1' },
  { impact: 'major', label: 'Sev2' },
  { impact: 'minor', label: 'Sev3' },
] as const;
type SeverityImpact = (typeof SEVERITIES)[number]['impact'];

/** Target minutes per severity. */
export type SeverityTargets = Record<SeverityImpact, number>;

export interface ResponseIncident {
  id: number;
  impact: string;
  startedAt: number;
  /** display_at of the first public update, or null when none. */
  firstUpdateAt: number | null;
  resolvedAt: number | null;
}

interface DurationStats {
  /** Incidents with a measured duration. */
  count: number;
  medianMinutes: number | null;
  worstMinutes: number | null;
  /** Share (0–1) within the target among those decided; null when none decided yet. */
  withinTarget: number | null;
  targetMinutes: number;
}

export interface SeverityMetrics {
  severity: string;
  impact: SeverityImpact;
  count: number;
  /** Still open at `now`. */
  open: number;
  firstResponse: DurationStats;
  resolve: DurationStats;
}

/**
 * When an incident's first update became public: a draft's updates count from its publication, so the later of the
 * first update's time and the publication (null: no update yet).
 */
export function firstPublicUpdateAt(firstUpdateAt: number | null, publishedAt: number | null): number | null {
  if (firstUpdateAt === null) return null;
  return publishedAt === null ? firstUpdateAt : Math.max(firstUpdateAt, publishedAt);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const minutes = (ms: number) => Math.round((Math.max(0, ms) / MS_PER_MINUTE) * 1000) / 1000;

/**
 * Stats over measured durations; `pending` are still-running ages: those already past the target count as
 * missed, the others are not decided yet.
 */
function durationStats(measured: number[], pending: number[], targetMinutes: number): DurationStats {
  const late = pending.filter((m) => m > targetMinutes).length;
  const decided = measured.length + late;
  const within = measured.filter((m) => m <= targetMinutes).length;
  return {
    count: measured.length,
    medianMinutes: median(measured),
    worstMinutes: measured.length ? Math.max(...measured) : null,
    withinTarget: decided ? within / decided : null,
    targetMinutes,
  };
}

/** Response metrics per severity for the incidents given (the caller picks those started in the month). */
export function responseMetrics(incidents: ResponseIncident[], targets: { firstResponse: SeverityTargets; resolve: SeverityTargets }, now: number): SeverityMetrics[] {
  return SEVERITIES.map(({ impact, label }) => {
    const list = incidents.filter((i) => i.impact === impact);
    const first = list.filter((i) => i.firstUpdateAt !== null).map((i) => minutes(i.firstUpdateAt! - i.startedAt));
    const firstPending = list.filter((i) => i.firstUpdateAt === null).map((i) => minutes(now - i.startedAt));
    const resolved = list.filter((i) => i.resolvedAt !== null).map((i) => minutes(i.resolvedAt! - i.startedAt));
    const open = list.filter((i) => i.resolvedAt === null).map((i) => minutes(now - i.startedAt));
    return {
      severity: label,
      impact,
      count: list.length,
      open: open.length,
      firstResponse: durationStats(first, firstPending, targets.firstResponse[impact]),
      resolve: durationStats(resolved, open, targets.resolve[impact]),
    };
  });
}
