/** Badge policy: status in words, colour only as a second cue (rendered by badge-maker in server/feeds/badge.ts). */
// Decision: docs/decisions/020-feeds-and-badges.md
import { STATUS_LABELS, type ComponentStatus, type Indicator } from './enums';
import { formatPercent } from './uptime';

export type BadgeTone = 'ok' | 'maintenance' | 'minor' | 'major' | 'critical';

export const BADGE_COLORS: Record<BadgeTone, string> = {
  ok: '#1a7f37',
  maintenance: '#0b5cad',
  minor: '#8a6100',
  major: '#b35900',
  critical: '#b42318',
};

export const TONE_OF_STATUS: Record<ComponentStatus, BadgeTone> = {
  operational: 'ok',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

export const TONE_OF_INDICATOR: Record<Indicator, BadgeTone> = { none: 'ok', maintenance: 'maintenance', minor: 'minor', major: 'major', critical: 'critical' };

/** `?uptime=` → days of uptime to show (7, 30 or 90; a bare flag means 90), or null for none. */
export function parseUptimeParam(raw: string | null): 7 | 30 | 90 | null {
  if (raw === null) return null;
  if (raw === '7' || raw === '30' || raw === '90') return Number(raw) as 7 | 30 | 90;
  return ['', '1', 'true', 'yes'].includes(raw.toLowerCase()) ? 90 : null;
}

/** "Operational" or "Operational · 99.95% (90 d)". */
export function badgeMessage(status: string, uptime: number | null, days: number | null): string {
  if (days === null) return status;
  return `${status} · ${formatPercent(uptime)} (${days} d)`;
}

export function componentBadgeStatus(s: ComponentStatus): string {
  return STATUS_LABELS[s];
}
