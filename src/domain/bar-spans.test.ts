import { describe, expect, it } from 'vitest';
import { BAR_SPANS, legendSpans } from './bar-spans';
import { HISTORY_DAYS } from './constants';

describe('BAR_SPANS: 90 / 60 / 30 days, narrower screens showing fewer', () => {
  it('starts with every shown day on the widest screens', () => {
    expect(BAR_SPANS[0]).toEqual({ days: HISTORY_DAYS, maxWidthPx: null });
  });

  it.each(BAR_SPANS.slice(1).map((s, i) => [s, BAR_SPANS[i]] as const))('%o is shorter and narrower than the span before it', (span, wider) => {
    expect(span.days).toBeLessThan(wider.days);
    if (wider.maxWidthPx !== null) expect(span.maxWidthPx!).toBeLessThan(wider.maxWidthPx);
    expect(span.maxWidthPx).not.toBeNull();
  });
});

describe('legendSpans', () => {
  it.each<[number, number[]]>([
    [90, [90, 60, 30]],
    [61, [61, 60, 30]],
    [60, [60, 30]],
    [45, [45, 30]],
    [30, [30]],
    [7, [7]],
    [0, [0]],
  ])('%s days shown → legends for %o', (shown, expected) => {
    expect(legendSpans(shown)).toEqual(expected);
  });
});
