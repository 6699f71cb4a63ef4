import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './enums';
import { DEFAULT_FAIL_THRESHOLD, DEFAULT_RECOVER_THRESHOLD, MIN_MONITOR_INTERVAL_SECONDS } from './constants';
import {
  certDaysLeft,
  classifyCheck,
  componentMonitorStatus,
  dailyFigures,
  INITIAL_FLAP_STATE,
  judgeHttpResponse,
  nextDelayMs,
  nextFlapState,
  opensIncident,
  parseFlapState,
  percentile,
  type CheckOutcome,
} from './monitor';
import { HttpMonitorConfig, parseStatusRange } from './monitor-config';

/** Runs a sequence of outcomes and returns the verdict after each. */
function run(outcomes: CheckOutcome[], k = 3, m = 2, start: CheckOutcome = 'up'): CheckOutcome[] {
  let s = { ...INITIAL_FLAP_STATE, verdict: start };
  return outcomes.map((o) => (s = nextFlapState(s, o, k, m)).verdict);
}

describe('nextFlapState (flap control)', () => {
  it.each<[string, CheckOutcome[], number, number, CheckOutcome, CheckOutcome[]]>([
    ['one lost check does not flip', ['down', 'up', 'down', 'up'], 3, 2, 'up', ['up', 'up', 'up', 'up']],
    ['K=3 failures go down on the third', ['down', 'down', 'down'], 3, 2, 'up', ['up', 'up', 'down']],
    ['a success resets the failure streak', ['down', 'down', 'up', 'down', 'down', 'down'], 3, 2, 'up', ['up', 'up', 'up', 'up', 'up', 'down']],
    ['M=2 successes recover', ['up', 'up'], 3, 2, 'down', ['down', 'up']],
    ['a failure resets the recovery streak', ['up', 'down', 'up', 'up'], 3, 2, 'down', ['down', 'down', 'down', 'up']],
    ['recovering while slow lands on degraded', ['degraded', 'degraded'], 3, 2, 'down', ['down', 'degraded']],
    ['mixed slow/fast successes count toward recovery', ['degraded', 'up'], 3, 2, 'down', ['down', 'up']],
    ['K slow checks degrade', ['degraded', 'degraded', 'degraded'], 3, 2, 'up', ['up', 'up', 'degraded']],
    ['M fast checks clear degraded', ['up', 'degraded', 'up', 'up'], 3, 2, 'degraded', ['degraded', 'degraded', 'degraded', 'up']],
    ['degraded goes down after K failures', ['down', 'down', 'down'], 3, 2, 'degraded', ['degraded', 'degraded', 'down']],
    ['K=1, M=1 follow every check', ['down', 'up', 'down'], 1, 1, 'up', ['down', 'up', 'down']],
    ['thresholds below 1 act as 1', ['down'], 0, 0, 'up', ['down']],
  ])('%s', (_name, outcomes, k, m, start, expected) => {
    expect(run(outcomes, k, m, start)).toEqual(expected);
  });
});

describe('componentMonitorStatus (several monitors on one component)', () => {
  it.each<[CheckOutcome[], ComponentStatus | null]>([
    [[], null],
    [['up'], 'operational'],
    [['down'], 'major_outage'],
    [['down', 'down'], 'major_outage'],
    [['down', 'up'], 'partial_outage'],
    [['up', 'down', 'degraded'], 'partial_outage'],
    [['degraded'], 'degraded_performance'],
    [['up', 'degraded'], 'degraded_performance'],
    [['up', 'up', 'up'], 'operational'],
  ])('%j → %s', (verdicts, expected) => {
    expect(componentMonitorStatus(verdicts)).toBe(expected);
    expect(componentMonitorStatus([...verdicts].reverse())).toBe(expected);
  });
});

describe('classifyCheck', () => {
  it.each<[boolean, number | null, number | null, CheckOutcome]>([
    [false, 5, 100, 'down'],
    [true, 50, 100, 'up'],
    [true, 100, 100, 'up'],
    [true, 101, 100, 'degraded'],
    [true, 5000, null, 'up'],
    [true, null, 100, 'up'],
  ])('ok=%s latency=%s threshold=%s → %s', (ok, latency, threshold, expected) => {
    expect(classifyCheck(ok, latency, threshold)).toBe(expected);
  });
});

describe('judgeHttpResponse', () => {
  const range = { min: 200, max: 299 };
  it.each<[number, string, string | null, boolean, string | null]>([
    [200, 'hello', null, false, null],
    [299, '', null, false, null],
    [500, 'hello', null, false, 'status 500 outside 200-299'],
    [301, '', null, false, 'status 301 outside 200-299'],
    [200, 'all good', 'good', false, null],
    [200, 'all bad', 'good', false, 'keyword "good" missing'],
    [200, 'error page', 'error', true, 'keyword "error" present'],
    [200, 'fine', 'error', true, null],
  ])('%i %j keyword=%s absent=%s → %s', (code, body, keyword, absent, expected) => {
    expect(judgeHttpResponse(code, body, { status: range, keyword, keywordAbsent: absent })).toBe(expected);
  });
});

describe('percentile and dailyFigures', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[7], 99, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
  ])('%j p%i → %s', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });

  it('counts failures and leaves them out of latency', () => {
    const f = dailyFigures([
      { ok: true, latencyMs: 30 },
      { ok: false, latencyMs: 5000 },
      { ok: true, latencyMs: 10 },
      { ok: true, latencyMs: 20 },
    ]);
    expect(f).toEqual({ checks: 4, failures: 1, p50: 20, p95: 30, p99: 30 });
    expect(dailyFigures([])).toEqual({ checks: 0, failures: 0, p50: null, p95: null, p99: null });
  });
});

describe('small helpers', () => {
  it('parses status ranges', () => {
    expect(parseStatusRange('200-299')).toEqual({ min: 200, max: 299 });
    expect(parseStatusRange('204')).toEqual({ min: 204, max: 204 });
    expect(parseStatusRange('299-200')).toBeNull();
    expect(parseStatusRange('abc')).toBeNull();
    expect(parseStatusRange('99')).toBeNull();
  });

  it('validates HTTP monitor settings with defaults', () => {
    const ok = HttpMonitorConfig.parse({ url: 'https://example.com/health' });
    expect(ok).toMatchObject({ method: 'GET', expectedStatus: '200-399', followRedirects: true, maxRedirects: 5, certExpiryDays: 14 });
    expect(HttpMonitorConfig.safeParse({ url: 'ftp://x' }).success).toBe(false);
    expect(HttpMonitorConfig.safeParse({ url: 'https://x', expectedStatus: '2xx' }).success).toBe(false);
  });

  it('reads stored state defensively', () => {
    expect(parseFlapState(null)).toEqual(INITIAL_FLAP_STATE);
    expect(parseFlapState({ verdict: 'down', failStreak: 4, okStreak: -1 })).toMatchObject({ verdict: 'down', failStreak: 4, okStreak: 0 });
    expect(parseFlapState({ verdict: 'weird' }).verdict).toBe('up');
  });

  it('jitters the interval by at most 10 % and never below 10 s', () => {
    expect(nextDelayMs(30, 0)).toBe(30_000);
    expect(nextDelayMs(30, 1)).toBe(33_000);
    expect(nextDelayMs(1, 0)).toBe(10_000);
  });

  it('counts certificate days left', () => {
    expect(certDaysLeft(10 * 86_400_000, 0)).toBe(10);
    expect(certDaysLeft(0, 3_600_000)).toBe(-1);
  });
});

describe('opensIncident', () => {
  it.each<[ComponentStatus | null, ComponentStatus | null, boolean]>([
    ['operational', 'major_outage', true],
    [null, 'partial_outage', true],
    ['degraded_performance', 'major_outage', true],
    ['partial_outage', 'major_outage', false],
    ['major_outage', 'partial_outage', false],
    ['major_outage', 'operational', false],
    ['operational', 'degraded_performance', false],
    ['operational', null, false],
  ])('%s → %s: %s', (old, next, expected) => {
    expect(opensIncident(old, next)).toBe(expected);
  });
});

describe('monitor defaults live in constants.ts only', () => {
  it('monitor.ts keeps no second copy of the thresholds or the minimum interval', async () => {
    const own = Object.keys(await import('./monitor'));
    expect(own.filter((k) => /THRESHOLD|INTERVAL/.test(k))).toEqual([]);
  });

  it.each<[number, number]>([
    [0, MIN_MONITOR_INTERVAL_SECONDS * 1000],
    [MIN_MONITOR_INTERVAL_SECONDS - 1, MIN_MONITOR_INTERVAL_SECONDS * 1000],
    [MIN_MONITOR_INTERVAL_SECONDS, MIN_MONITOR_INTERVAL_SECONDS * 1000],
    [60, 60_000],
  ])('an interval of %s s waits at least the minimum: %s ms', (intervalS, ms) => {
    expect(nextDelayMs(intervalS, 0)).toBe(ms);
  });

  it('the default K/M: K failures take a monitor down, M successes bring it back', () => {
    let s = INITIAL_FLAP_STATE;
    for (let i = 1; i < DEFAULT_FAIL_THRESHOLD; i++) s = nextFlapState(s, 'down', DEFAULT_FAIL_THRESHOLD, DEFAULT_RECOVER_THRESHOLD);
    expect(s.verdict).toBe('up');
    s = nextFlapState(s, 'down', DEFAULT_FAIL_THRESHOLD, DEFAULT_RECOVER_THRESHOLD);
    expect(s.verdict).toBe('down');
    for (let i = 1; i < DEFAULT_RECOVER_THRESHOLD; i++) s = nextFlapState(s, 'up', DEFAULT_FAIL_THRESHOLD, DEFAULT_RECOVER_THRESHOLD);
    expect(s.verdict).toBe('down');
    expect(nextFlapState(s, 'up', DEFAULT_FAIL_THRESHOLD, DEFAULT_RECOVER_THRESHOLD).verdict).toBe('up');
  });
});
