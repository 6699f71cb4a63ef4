import { describe, expect, it } from 'vitest';
import { rateLimitKey } from './rate-limit-key';
import { collectAfterClosing, defaultStreamCap, streamRefusal } from './stream-admission';

describe('rateLimitKey counts stream clients', () => {
  it.each<[string | null, string]>([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'], // a dual-stack socket's IPv4 peer
    ['::ffff:cb00:7109', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [null, 'unknown'],
  ])('%s counts as %s', (ip, key) => expect(rateLimitKey(ip)).toBe(key));
});

describe('streamRefusal', () => {
  const limits = { perClient: 10, total: 100 };
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [99, 9, null],
    [50, 10, 429],
    [100, 3, 503],
    [100, 10, 429], // the client's own cap is named first: it can act on that one
    [5000, 0, 503],
  ])('%i open, %i of this client: %s', (total, client, status) => {
    expect(streamRefusal({ total, client }, limits)?.status ?? null).toBe(status);
  });

  it('says why and when to try again', () => {
    expect(streamRefusal({ total: 0, client: 10 }, limits)).toMatchObject({ code: 'too_many_streams', retryAfterSeconds: 30, message: expect.stringContaining('10') });
    expect(streamRefusal({ total: 100, client: 0 }, limits)).toMatchObject({ code: 'streams_full', retryAfterSeconds: 30 });
  });
});

describe('defaultStreamCap', () => {
  it.each<[number | null, number]>([
    [20_000, 15_000], // the limit the finding hit: 5,000 descriptors stay for everything else
    [1024, 768],
    [256, 128],
    [100, 1],
    [4096, 3072],
    [1_048_576, 20_000],
    [null, 768],
    [0, 768],
  ])('open-file limit %s: %i streams', (limit, cap) => expect(defaultStreamCap(limit)).toBe(cap));
});

describe('collectAfterClosing', () => {
  it.each<[number, number, boolean]>([
    [0, 0, false],
    [999, 0, false], // a small server never asks
    [1000, 0, true],
    [1000, 1000, true],
    [1000, 1001, false], // most of the streams' memory is still in use
    [10_000, 10_000, true], // a wave of 10,000 closed beside as many open
    [5000, 20_000, false],
  ])('%i closed, %i open: %s', (closed, open, collect) => expect(collectAfterClosing(closed, open)).toBe(collect));
});
