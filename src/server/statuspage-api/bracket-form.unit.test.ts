import { describe, expect, it } from 'vitest';
import { parseBracketForm } from './bracket-form';

const parse = (s: string) => parseBracketForm(new URLSearchParams(s));

describe('parseBracketForm', () => {
  it.each([
    ['component[status]=major_outage', { component: { status: 'major_outage' } }],
    ['component[name]=My API', { component: { name: 'My API' } }],
    [
      'incident[name]=x&incident[component_ids][]=a&incident[component_ids][]=b',
      { incident: { name: 'x', component_ids: ['a', 'b'] } },
    ],
    [
      'incident[components][7]=partial_outage&incident[status]=identified',
      { incident: { components: { '7': 'partial_outage' }, status: 'identified' } },
    ],
    ['subscriber[email]=a%40b.example', { subscriber: { email: 'a@b.example' } }],
    ['email=a%40b.example', { email: 'a@b.example' }],
    ['', {}],
  ])('%s', (body, want) => {
    expect(parse(body)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['a[b=1', ['a[b']],
    ['a]=1', ['a]']],
    ['a[]x=1', ['a[]x']],
    ['a[b]=1&a[b][c]=2', ['a[b][c]']],
    ['a[][b]=1', ['a[][b]']],
    ['a[b][c]=1&a[b]=2', ['a[b]']],
  ])('refuses %s', (body, bad) => {
    expect(parse(body)).toEqual({ ok: false, badKeys: bad });
  });

  it('a prototype key stays a plain key', () => {
    const r = parse('__proto__[polluted]=1');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
