import { describe, expect, it } from 'vitest';
import { dayIndex, dayLabel, dayStart, monthLabel, monthRange, overlap, parseMonth } from './time';

describe('dayIndex / dayStart / dayLabel', () => {
  it.each<[string, number, string]>([
    ['epoch', 0, '1970-01-01'],
    ['last ms of a day', Date.UTC(2026, 0, 1) - 1, '2025-12-31'],
    ['first ms of a year', Date.UTC(2026, 0, 1), '2026-01-01'],
    ['leap day', Date.UTC(2028, 1, 29, 13, 45), '2028-02-29'],
    ['day after leap day', Date.UTC(2028, 2, 1), '2028-03-01'],
    ['month end', Date.UTC(2026, 3, 30, 23, 59, 59, 999), '2026-04-30'],
  ])('%s', (_name, ms, label) => {
    const d = dayIndex(ms);
    expect(dayLabel(d)).toBe(label);
    expect(dayStart(d)).toBeLessThanOrEqual(ms);
    expect(dayStart(d + 1)).toBeGreaterThan(ms);
    expect(new Date(dayStart(d)).toISOString()).toBe(`${label}T00:00:00.000Z`);
  });
});

describe('parseMonth', () => {
  it.each<[string, { year: number; month: number } | null]>([
    ['2026-11', { year: 2026, month: 11 }],
    ['2028-02', { year: 2028, month: 2 }],
    ['2026-1', null],
    ['2026-13', null],
    ['2026-00', null],
    ['1969-12', null],
    ['abcd-ef', null],
    ['', null],
    ['2026-11-01', null],
  ])('%j → %j', (value, expected) => {
    expect(parseMonth(value)).toEqual(expected);
  });
});

describe('monthRange', () => {
  it.each<[number, number, number]>([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days and ends where the next month starts', (y, m, days) => {
    const { start, end } = monthRange(y, m);
    expect((end - start) / 86_400_000).toBe(days);
    expect(monthLabel(start)).toBe(`${y}-${String(m).padStart(2, '0')}`);
    expect(end).toBe(m === 12 ? Date.UTC(y + 1, 0, 1) : Date.UTC(y, m, 1));
  });
});

describe('overlap', () => {
  it.each<[number, number, number, number, number]>([
    [0, 10, 5, 15, 5],
    [5, 15, 0, 10, 5],
    [0, 10, 10, 20, 0],
    [0, 10, 20, 30, 0],
    [0, 100, 10, 20, 10],
    [10, 20, 0, 100, 10],
    [10, 5, 0, 100, 0],
  ])('[%i,%i) ∩ [%i,%i) = %i', (a0, a1, b0, b1, n) => {
    expect(overlap(a0, a1, b0, b1)).toBe(n);
  });
});
