import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { afterFailure, componentWebhook, withUnsubscribe } from './webhook';

const policy = { baseMs: 1000, maxDelayMs: 60_000, disableAfterMs: 3 * 86_400_000 };

describe('afterFailure', () => {
  const T = 1_700_000_000_000;
  it.each<[string, number | null, number, boolean, number]>([
    ['first failure starts the clock', null, 1, false, T],
    ['still within the window', T - 86_400_000, 4, false, T - 86_400_000],
    ['failing for exactly the window disables', T - 3 * 86_400_000, 30, true, T - 3 * 86_400_000],
  ])('%s', (_n, failingSince, attempts, disable, since) => {
    const r = afterFailure({ failingSince, attempts, now: T }, policy);
    expect(r).toMatchObject({ disable, failingSince: since });
    expect(r.nextAttemptAt).toBe(T + backoffDelay(attempts, policy));
  });
});

it('componentWebhook has Statuspage field names', () => {
  const component = { id: '4', name: 'API', status: 'major_outage' } as never;
  const p = componentWebhook(
    { pageId: 'p', status: { indicator: 'critical', description: 'Major System Outage' }, siteUrl: 'https://s', changeId: 9, kind: 'component.status', now: 0 },
    component,
    { at: Date.UTC(2026, 0, 1), oldStatus: 'operational', newStatus: 'major_outage' },
  );
  expect(p.page).toEqual({ id: 'p', status_indicator: 'critical', status_description: 'Major System Outage' });
  expect(p.component_update).toEqual({ id: 'cu9', created_at: '2026-01-01T00:00:00.000Z', new_status: 'major_outage', old_status: 'operational', component_id: '4', component_type: 'Component' });
  expect(p.component).toBe(component);
});

describe('withUnsubscribe', () => {
  it.each([
    ['a Statuspage body gets the URL in meta', { meta: { unsubscribe: null, event: 'incident.created' }, page: {} }, { meta: { unsubscribe: 'https://s.example/u?t=1', event: 'incident.created' }, page: {} }],
    ['a body without meta (another format) is left alone', { text: 'API down' }, { text: 'API down' }],
    ['a meta without the field is left alone', { meta: { event: 'x' } }, { meta: { event: 'x' } }],
  ])('%s', (_, input, expected) => {
    expect(JSON.parse(withUnsubscribe(JSON.stringify(input), 'https://s.example/u?t=1'))).toEqual(expected);
  });
  it('returns an untouched body byte for byte', () => {
    const raw = '{"text":  "spaced"}';
    expect(withUnsubscribe(raw, 'https://s.example/u')).toBe(raw);
  });
});
