import { describe, expect, it } from 'vitest';
import { componentFieldName, flag, formTimesAsUtc, markdown, optionalFlag, optionalMarkdown, time, withComponentFields } from './fields';
import { IncidentCreate, IncidentUpdate, Postmortem, UpdateEdit } from './incidents/schemas';
import { MaintenanceCreate } from './maintenance/schemas';
import { TemplateCreate } from './templates/schemas';

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

describe('markdown fields are bounded in nesting as well as length', () => {
  const deep = '>'.repeat(3000);
  it.each<[string, unknown, boolean]>([
    ['ordinary markdown', '## Cause\n> a quote\n- a *list*', true],
    ['3,000 quote markers', deep, false],
    ['1,500 bullets', `${'- '.repeat(1500)}x`, false],
    ['too long', 'x'.repeat(101), false],
  ])('markdown(): %s', (_name, v, ok) => expect(markdown(100, 'Message').safeParse(v).success).toBe(ok));

  it('says why, in words an operator can act on', () => {
    const r = markdown(20_000, 'Message').safeParse(deep);
    expect(r.error?.issues[0].message).toBe('Quotes and lists may nest at most 16 levels deep; line 1 nests 3000.');
    expect(optionalMarkdown(20_000).safeParse('').success).toBe(true);
  });

  const now = Date.UTC(2026, 2, 1);
  it.each<[string, { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, Record<string, unknown>, string]>([
    ['incident create body', IncidentCreate(now), { name: 'x', impact: 'minor', status: 'investigating', body: deep }, 'body'],
    ['incident update body', IncidentUpdate(now), { incident_id: 1, status: 'identified', body: deep }, 'body'],
    ['edited update body', UpdateEdit, { update_id: 1, body: deep }, 'body'],
    ['post-mortem', Postmortem, { incident_id: 1, postmortem: deep }, 'postmortem'],
    ['maintenance message', MaintenanceCreate, { name: 'x', body: deep, scheduled_for: '2026-03-01T10:00Z', scheduled_until: '2026-03-01T11:00Z' }, 'body'],
    ['template message', TemplateCreate, { name: 'x', title: 'x', impact: 'minor', body: deep }, 'body'],
  ])('%s refuses nesting past the bound, on its own field', (_name, schema, input, field) => {
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });
});
