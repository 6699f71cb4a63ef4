import { describe, expect, it } from 'vitest';
import { ipv4At, ipv6Groups } from './ipv6';

describe('ipv6Groups', () => {
  it.each<[string, number[] | null]>([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8::1', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]],
    ['[2001:DB8:0:0:0:0:0:1]', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]],
    ['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ['::ffff:169.254.169.254', [0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe]],
    ['::ffff:0:10.0.0.1', [0, 0, 0, 0, 0xffff, 0, 0xa00, 1]],
    ['1:2:3:4:5:6:7::', [1, 2, 3, 4, 5, 6, 7, 0]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1.2.3.4', null],
    ['1:2:3:4:5:6:7', null],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['::12345', null],
    ['::ffff:256.0.0.1', null],
    ['::ffff:1111.2.3.4', null],
    ['example.com', null],
  ])('%s', (ip, groups) => expect(ipv6Groups(ip)).toEqual(groups));
});

describe('ipv4At', () => {
  const g = [0x2002, 0xa9fe, 0xa9fe, 0, 0, 0, 0x5601, 0x5601];
  it.each<[number, boolean, string]>([
    [16, false, '169.254.169.254'],
    [96, false, '86.1.86.1'],
    [96, true, '169.254.169.254'],
  ])('at bit %i (inverted %s): %s', (at, inverted, out) => expect(ipv4At(g, at, inverted)).toBe(out));
});
