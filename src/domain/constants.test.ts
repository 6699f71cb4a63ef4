import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, SECONDS_PER_DAY } from './constants';

describe('time units', () => {
  it.each<[string, number, number]>([
    ['second', MS_PER_SECOND, 1000],
    ['minute', MS_PER_MINUTE, 60 * MS_PER_SECOND],
    ['hour', MS_PER_HOUR, 60 * MS_PER_MINUTE],
    ['day', MS_PER_DAY, 24 * MS_PER_HOUR],
    ['day in seconds', SECONDS_PER_DAY, MS_PER_DAY / MS_PER_SECOND],
  ])('a %s is %s', (_unit, value, expected) => expect(value).toBe(expected));
});
