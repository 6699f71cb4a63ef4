import { describe, expect, it } from 'vitest';
import { deliveryOrigin, isSuspect, pickDeliveries, poolLimits, type Candidate, type InFlight } from './delivery-pool';

const idle: InFlight = { total: 0, suspect: 0, byOrigin: new Map() };
const c = (origin: string, suspect = false): Candidate & { id: string } => ({ id: `${origin}${suspect ? '?' : ''}`, origin, suspect });
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('deliveryOrigin', () => {
  it.each([
    ['https://hooks.slack.com/services/T/B/X', 'https://hooks.slack.com:443'],
    ['https://hooks.slack.com:443/other', 'https://hooks.slack.com:443'],
    ['http://127.0.0.1:8080/hook', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:8081/hook', 'http://127.0.0.1:8081'],
    ['http://EXAMPLE.com/a', 'http://example.com:80'],
    ['http://user:pw@example.com/a', 'http://example.com:80'],
    ['http://[::1]:9000/', 'http://[::1]:9000'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, origin) => expect(deliveryOrigin(url)).toBe(origin));
});

describe('isSuspect', () => {
  it.each([
    [{ attempts: 0, failingSince: null }, false],
    [{ attempts: 1, failingSince: null }, true],
    [{ attempts: 0, failingSince: 1 }, true],
    [{ attempts: 3, failingSince: 1 }, true],
  ])('%o → %s', (d, want) => expect(isSuspect(d)).toBe(want));
});

describe('poolLimits', () => {
  it.each([
    [100, 4, 50],
    [1, 1, 1],
    [3, 2, 1],
  ])('%i slots → %i per origin, %i suspect', (slots, perOrigin, suspectSlots) => expect(poolLimits(slots, perOrigin)).toEqual({ slots, perOrigin, suspectSlots }));
});

describe('pickDeliveries', () => {
  const limits = { slots: 4, perOrigin: 2, suspectSlots: 2 };
  it.each([
    { name: 'nothing due', cands: [], inFlight: idle, want: [] },
    { name: 'in claim order up to the free slots', cands: [c('a'), c('b'), c('c'), c('d'), c('e')], inFlight: idle, want: ['a', 'b', 'c', 'd'] },
    { name: 'one receiver gets at most its share; the rest go to others', cands: [c('h'), c('h'), c('h'), c('h'), c('a'), c('b')], inFlight: idle, want: ['h', 'h', 'a', 'b'] },
    { name: 'counts what is already in flight to a receiver', cands: [c('h'), c('a')], inFlight: { total: 1, suspect: 0, byOrigin: new Map([['h', 2]]) }, want: ['a'] },
    { name: 'a full pool starts nothing', cands: [c('a')], inFlight: { total: 4, suspect: 0, byOrigin: new Map([['x', 4]]) }, want: [] },
    { name: 'suspects take at most their share', cands: [c('r', true), c('s', true), c('t', true), c('a')], inFlight: idle, want: ['r?', 's?', 'a'] },
    { name: 'suspects already in flight count', cands: [c('r', true), c('a'), c('b')], inFlight: { total: 2, suspect: 2, byOrigin: new Map([['x', 1], ['y', 1]]) }, want: ['a', 'b'] },
  ])('$name', ({ cands, inFlight, want }) => {
    expect(ids(pickDeliveries(cands, inFlight, limits))).toEqual(want);
  });

  it('does not change the in-flight counts it was given', () => {
    const inFlight = { total: 0, suspect: 0, byOrigin: new Map<string, number>() };
    pickDeliveries([c('a'), c('b', true)], inFlight, limits);
    expect(inFlight).toEqual({ total: 0, suspect: 0, byOrigin: new Map() });
  });
});
