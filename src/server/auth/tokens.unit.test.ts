import { describe, expect, it } from 'vitest';
import { readCookie } from './tokens';

describe('readCookie', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['sp_session=abc', 'abc'],
    ['a=1; sp_session=abc; b=2', 'abc'],
    ['sp_session="abc"', '"abc"'],
    ['sp_session=a%20b', 'a b'],
    ['sp_session=%', '%'],
    ['sp_session=%zz', '%zz'],
    ['sp_session=%E0%A4%A', '%E0%A4%A'],
    ['sp_session=;;;', ''],
    ['sp_session', null],
    ['=; =sp_session; ;', null],
    ['sp_session=first; sp_session=second', 'first'],
    ['sp_sessionx=1; xsp_session=2', null],
    ['sp_session=ünïcødé', 'ünïcødé'],
  ])('%j → %j', (header, value) => expect(readCookie(header, 'sp_session')).toBe(value));
});
