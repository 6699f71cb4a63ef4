/** Small SVG status badges (shields.io look): status in words, colour only as a second cue, accessible <title>. */
import { STATUS_LABELS, type ComponentStatus, type Indicator } from './enums';
import { escapeXml } from './feed-items';
import { formatPercent } from './uptime';

export type BadgeTone = 'ok' | 'maintenance' | 'minor' | 'major' | 'critical';

const COLORS: Record<BadgeTone, string> = {
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

/** Approximate width of 11px Verdana text (shields' metric), enough to size the boxes. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[ilj.,:;'|!]/.test(ch) ? 3.5 : /[mwMW%]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.ceil(w);
}

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

/** The badge as an SVG document. */
export function renderBadge(label: string, message: string, tone: BadgeTone): string {
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const title = escapeXml(`${label}: ${message}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" viewBox="0 0 ${w} 20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="${lw}" height="20" fill="#444"/>`,
    `<rect x="${lw}" width="${mw}" height="20" fill="${COLORS[tone]}"/>`,
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">`,
    `<text x="${lw / 2}" y="14">${escapeXml(label)}</text>`,
    `<text x="${lw + mw / 2}" y="14">${escapeXml(message)}</text>`,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n');
}
