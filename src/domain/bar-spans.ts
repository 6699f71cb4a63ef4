/**
 * How many days of bars the overview shows by screen width (Statuspage's steps): all HISTORY_DAYS on wide
 * screens, 60 up to 640 px, 30 up to 400 px. global.css hides the older bars and legends with the same numbers
 * (src/styles/bar-spans.test.ts checks they agree). Decision 008.
 */
// Decision: docs/decisions/008-day-bar-colours-and-spans.md
import { HISTORY_DAYS } from './constants';

export interface BarSpan {
  days: number;
  /** The widest viewport (CSS px, inclusive) that shows this span; null for the default, widest screens. */
  maxWidthPx: number | null;
}

/** Widest screens first. */
export const BAR_SPANS: readonly BarSpan[] = [
  { days: HISTORY_DAYS, maxWidthPx: null },
  { days: 60, maxWidthPx: 640 },
  { days: 30, maxWidthPx: 400 },
];

/** The spans a row with `shown` days of bars gets a legend for: all of them, plus each narrower span that is shorter. */
export function legendSpans(shown: number): number[] {
  return [shown, ...BAR_SPANS.slice(1).map((s) => s.days).filter((n) => n < shown)];
}
