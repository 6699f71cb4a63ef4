/** The day-bar colour scale, one palette per theme: darker (light theme) or brighter (dark theme) means worse. */
// Decision: docs/decisions/008-day-bar-colours-and-spans.md
export const BAR_SCALE = ['ok', 'degraded', 'minor', 'notable', 'major', 'critical'] as const;
type BarShade = (typeof BAR_SCALE)[number] | 'nodata';

export interface BarPalette {
  background: string;
  shades: Record<BarShade, string>;
}

/** Light theme: worse days get darker, from green through amber to deep red. */
export const LIGHT_BARS: BarPalette = {
  background: '#ffffff',
  shades: { nodata: '#8c959f', ok: '#2da44e', degraded: '#1f8a76', minor: '#8f6a00', notable: '#b5490c', major: '#a81c28', critical: '#6e0a1c' },
};

/** Dark theme: worse days get brighter and warmer, so the worst stands out against the dark card. */
export const DARK_BARS: BarPalette = {
  background: '#161b22',
  shades: { nodata: '#6e7681', ok: '#1f7a34', degraded: '#1f8577', minor: '#a37b12', notable: '#e06a20', major: '#ff5a5a', critical: '#ff8a8a' },
};
