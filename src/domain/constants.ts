/** Policies of the domain, decided once (see docs/decisions/007-uptime-weights-and-no-data.md and its neighbours). */

/** Weight of partial-outage time in downtime (Statuspage's fixed weight; OpenStatus uses 0.5). */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;
/** Weight of major-outage time in downtime. */
export const MAJOR_OUTAGE_WEIGHT = 1;

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const SECONDS_PER_DAY = 86_400;

/** Days shown in the availability bar. */
export const HISTORY_DAYS = 90;

/** Day-bar levels by weighted downtime share of the counted seconds (upper bounds, inclusive). */
export const DAY_BAR_LEVELS = [
  { level: 'ok', maxShare: 0 },
  { level: 'minor', maxShare: 0.001 }, // up to ~1.4 min a day
  { level: 'notable', maxShare: 0.01 }, // up to ~14 min
  { level: 'major', maxShare: 0.05 }, // up to ~72 min
  { level: 'critical', maxShare: 1 },
] as const;

/** Default SLA settings (overridable in admin settings). */
export const DEFAULT_CREDIT_TIERS = [
  { below: 99.95, atLeast: 99.9, creditPercent: 15 },
  { below: 99.9, atLeast: 0, creditPercent: 25 },
];
export const DEFAULT_MAINTENANCE_ALLOWANCE_MINUTES = 10;
/** Targets for time to first public update, per impact, in minutes. */
export const DEFAULT_FIRST_RESPONSE_TARGETS = { critical: 60, major: 180, minor: 480 } as const;
export const DEFAULT_COMPONENT_TARGET = 99.9;

/** Monitors: K consecutive failures to go down, M consecutive successes to recover; checks at most every 10 s. */
export const DEFAULT_FAIL_THRESHOLD = 3;
export const DEFAULT_RECOVER_THRESHOLD = 2;
export const MIN_MONITOR_INTERVAL_SECONDS = 10;

/** Failed sign-ins allowed per IP within the window, then refused until it slides (accounts: login-backoff.ts). */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Backdated writes within this slack of now are not marked as backfilled. */
export const FUTURE_SLACK_MS = 1000;
