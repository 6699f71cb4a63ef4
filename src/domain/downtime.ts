/**
 * The one downtime policy (DESIGN rules 4–5), shared by day rollups, uptime %, the SLA, exports and the
 * component page: weights from constants; a second inside a maintenance window is a maintenance second, never
 * downtime; SLA-excluded spans are reported apart.
 */
// Decision: docs/decisions/007-uptime-weights-and-no-data.md
import { MAJOR_OUTAGE_WEIGHT, PARTIAL_OUTAGE_WEIGHT } from './constants';
import type { ComponentStatus } from './enums';
import { overlap, type Span } from './time';

export interface ClassifiedInterval {
  status: ComponentStatus;
  start: number;
  end: number | null;
  /** A maintenance window covers this stretch. */
  maintenance?: boolean;
}

export type SecondsField = 'operational' | 'maintenance' | 'degraded' | 'partial' | 'major';

const FIELD: Record<ComponentStatus, SecondsField> = {
  operational: 'operational',
  under_maintenance: 'maintenance',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
};

/** Downtime weight of each seconds field: the one place the weighting is written (decision 007). */
const FIELD_WEIGHT: Record<SecondsField, number> = {
  operational: 0,
  maintenance: 0,
  degraded: 0,
  partial: PARTIAL_OUTAGE_WEIGHT,
  major: MAJOR_OUTAGE_WEIGHT,
};
const SECONDS_FIELDS = Object.keys(FIELD_WEIGHT) as SecondsField[];

/** Which day-seconds field a stretch counts in: maintenance time counts as maintenance whatever else happens. */
export function fieldOf(iv: Pick<ClassifiedInterval, 'status' | 'maintenance'>): SecondsField {
  return iv.maintenance ? 'maintenance' : FIELD[iv.status];
}

/** Downtime weight of a status, ignoring maintenance (1 major, w partial, 0 otherwise). */
export function statusWeight(status: ComponentStatus): number {
  return FIELD_WEIGHT[FIELD[status]];
}

/** Weighted downtime of per-field amounts (seconds or ms): major × 1 + partial × w; the rest is up. */
export function weightedDowntime(amounts: Record<SecondsField, number>): number {
  return SECONDS_FIELDS.reduce((sum, f) => sum + amounts[f] * FIELD_WEIGHT[f], 0);
}

export interface DowntimeFigures {
  /** Weighted downtime that counts (ms). */
  downtimeMs: number;
  /** Weighted outage inside maintenance or excluded spans (ms). */
  excludedMs: number;
  /** Time under a maintenance window (ms). */
  maintenanceMs: number;
}

/**
 * Weighted downtime of non-overlapping intervals inside [from, to): outage under maintenance or inside an
 * excluded span (merged, non-overlapping) is excluded, not downtime.
 */
export function downtimeIn(intervals: ClassifiedInterval[], from: number, to: number, excluded: Span[] = []): DowntimeFigures {
  let downtimeMs = 0;
  let excludedMs = 0;
  let maintenanceMs = 0;
  for (const iv of intervals) {
    const start = Math.max(iv.start, from);
    const end = Math.min(iv.end ?? to, to);
    if (end <= start) continue;
    if (iv.maintenance) maintenanceMs += end - start;
    const w = statusWeight(iv.status);
    if (w === 0) continue;
    const inside = iv.maintenance ? end - start : excluded.reduce((s, x) => s + overlap(start, end, x.start, x.end), 0);
    excludedMs += inside * w;
    downtimeMs += (end - start - inside) * w;
  }
  return { downtimeMs, excludedMs, maintenanceMs };
}
