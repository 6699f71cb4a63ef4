import { describe, expect, it } from 'vitest';
import { chargeExcess, splitAllowance } from './maintenance-allowance';

const M = 60_000;
const s = (a: number, b: number) => ({ start: a * M, end: b * M });

describe('splitAllowance: the allowance covers the first maintenance minutes, the excess is the last', () => {
  it.each([
    ['nothing', [], 10, [], []],
    ['within', [s(0, 8)], 10, [s(0, 8)], []],
    ['one window over', [s(0, 25)], 10, [s(0, 10)], [s(10, 25)]],
    ['across windows', [s(0, 8), s(100, 110)], 10, [s(0, 8), s(100, 102)], [s(102, 110)]],
    ['no allowance', [s(0, 5), s(7, 9)], 0, [], [s(0, 5), s(7, 9)]],
  ])('%s', (_n, spans, allowance, allowed, excess) => {
    expect(splitAllowance(spans, allowance * M)).toEqual({ allowed, excess });
  });
});

describe('chargeExcess: excess maintenance counts as major outage, the rest of the history is untouched', () => {
  it('splits a maintenance interval at the excess', () => {
    const out = chargeExcess([{ status: 'under_maintenance', start: 0, end: 25 * M, maintenance: true }], [s(10, 25)], 60 * M);
    expect(out).toEqual([
      { status: 'under_maintenance', start: 0, end: 10 * M, maintenance: true },
      { status: 'major_outage', start: 10 * M, end: 25 * M, maintenance: false },
    ]);
  });

  it('keeps an open interval open after the excess', () => {
    const out = chargeExcess([{ status: 'operational', start: 0, end: null }], [s(5, 6)], 60 * M);
    expect(out).toEqual([
      { status: 'operational', start: 0, end: 5 * M },
      { status: 'major_outage', start: 5 * M, end: 6 * M, maintenance: false },
      { status: 'operational', start: 6 * M, end: null },
    ]);
  });

  it('no excess: the same intervals', () => {
    const ivs = [{ status: 'major_outage' as const, start: 0, end: M }];
    expect(chargeExcess(ivs, [], M)).toBe(ivs);
  });
});
