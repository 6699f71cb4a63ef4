import { describe, expect, it } from 'vitest';
import { componentFieldName, flag, formTimesAsUtc, optionalFlag, time, withComponentFields } from './fields';

describe('time', () => {
  const t = time();
  it.each([
    ['2026-03-01T10:30Z', Date.UTC(2026, 2, 1, 10, 30)],
    ['2026-03-01T10:30:15Z', Date.UTC(2026, 2, 1, 10, 30, 15)],
    ['2026-03-01T11:30:00+01:00', Date.UTC(2026, 2, 1, 10, 30)],
    ['', null],
    [undefined, null],
    [null, null],
  ])('%s → %s', (input, ms) => expect(t.parse(input)).toBe(ms));

  it.each(['2026-03-01T10:30', '2026-02-31T10:00Z', 'tomorrow', 42])('refuses %s (a zone is required)', (input) => expect(t.safeParse(input).success).toBe(false));

  it('refuses the future when asked to', () => {
    const now = Date.UTC(2026, 2, 1, 12);
    expect(time({ notAfter: now }).safeParse('2026-03-01T12:00:00Z').success).toBe(true);
    expect(time({ notAfter: now }).safeParse('2026-03-01T12:05:00Z').success).toBe(false);
  });
});

describe('formTimesAsUtc', () => {
  it('marks zone-less datetime-local values of time fields as UTC, and nothing else', () => {
    expect(formTimesAsUtc({ started_at: '2026-03-01T10:30', scheduled_until: '2026-03-01T10:30:15', display_at: '', name: '2026-03-01T10:30', start_date: '2026-03-01T10:30Z' })).toEqual({
      started_at: '2026-03-01T10:30Z',
      scheduled_until: '2026-03-01T10:30:15Z',
      display_at: '',
      name: '2026-03-01T10:30',
      start_date: '2026-03-01T10:30Z',
    });
  });

  it("reads them in the browser's zone when the form names one in _tz", () => {
    const out = formTimesAsUtc({ _tz: 'Europe/Berlin', started_at: '2026-01-15T14:30', scheduled_for: '2026-07-15T14:30', name: '2026-01-15T14:30', start_date: '2026-01-15T14:30Z' });
    expect(out).toMatchObject({ started_at: '2026-01-15T13:30:00.000Z', scheduled_for: '2026-07-15T12:30:00.000Z', name: '2026-01-15T14:30', start_date: '2026-01-15T14:30Z' });
  });

  it.each(['Mars/Olympus', '', 'UTC', '../../etc'])('falls back to UTC for the zone %j', (zone) => {
    expect(formTimesAsUtc({ _tz: zone, started_at: '2026-01-15T14:30' }).started_at).toBe('2026-01-15T14:30Z');
  });
});

describe('flags', () => {
  it.each([
    [true, true],
    ['on', true],
    ['true', true],
    ['1', true],
    [false, false],
    ['', false],
    ['off', false],
    [undefined, false],
  ])('flag(%s) = %s', (input, out) => expect(flag.parse(input)).toBe(out));

  it('optionalFlag leaves an absent value undefined and refuses garbage', () => {
    expect(optionalFlag.parse(undefined)).toBeUndefined();
    expect(optionalFlag.parse('')).toBe(false);
    expect(flag.safeParse('yes please').success).toBe(false);
  });
});

describe('component fields', () => {
  it('folds component_<id> form fields into components, dropping unchanged ones', () => {
    expect(withComponentFields({ name: 'x', component_1: 'major_outage', component_2: '' })).toEqual({ name: 'x', components: { 1: 'major_outage' } });
    expect(withComponentFields({ components: { api: 'degraded_performance' } })).toEqual({ components: { api: 'degraded_performance' } });
  });

  it('maps an error on components.<id> back to its form field', () => {
    expect(componentFieldName('components.7')).toBe('component_7');
    expect(componentFieldName('name')).toBe('name');
  });
});
