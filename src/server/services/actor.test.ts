/** Each kind of actor carries the fields it really has, and the one permission table decides what each may do. */
import { describe, expect, it } from 'vitest';
import { can } from '../auth/permissions';
import { actorFor, anonymousActor, apiKeyActor, cliActor, systemActor, userActor, type Actor } from './actor';

const editor = { id: 2, email: 'ed@example.com', role: 'editor' as const };

describe('actor builders', () => {
  it.each<[string, Actor, Record<string, unknown>]>([
    ['user', userActor(editor, '192.0.2.1'), { type: 'user', name: 'ed@example.com', role: 'editor', userId: 2, ip: '192.0.2.1' }],
    ['read key', apiKeyActor({ id: 9, name: 'ci', holderUserId: 2 }, { role: 'editor', readOnly: true }), { type: 'apikey', name: 'key:ci', apiKeyId: 9, holderUserId: 2, readOnly: true }],
    ['system job', systemActor('monitor'), { type: 'system', name: 'monitor', job: 'monitor', role: 'admin' }],
    ['console', cliActor('cli:alice'), { type: 'cli', name: 'cli:alice', role: 'admin' }],
    ['anonymous', anonymousActor('192.0.2.9'), { type: 'anonymous', role: null, ip: '192.0.2.9' }],
  ])('%s', (_, actor, expected) => expect(actor).toEqual(expect.objectContaining(expected)));

  it('a system actor keeps the IP of the request that triggered it, and only then', () => {
    expect(systemActor('sign-in', '192.0.2.3').ip).toBe('192.0.2.3');
    expect('ip' in systemActor('clock')).toBe(false);
  });

  it.each<[string, Actor, boolean, boolean]>([
    ['user editor', userActor(editor), true, false],
    ['read key of an admin', apiKeyActor({ id: 1, name: 'r' }, { role: 'admin', readOnly: true }), false, false],
    ['system job', systemActor('clock'), true, true],
    ['console', cliActor('cli'), true, true],
    ['anonymous', anonymousActor(), false, false],
  ])('%s: incident.create %s, user.create %s', (_, actor, createIncident, createUser) => {
    expect(can(actor, 'incident.create')).toBe(createIncident);
    expect(can(actor, 'user.create')).toBe(createUser);
  });

  it('actorFor: a key with no authority left is anonymous', () => {
    expect(actorFor({ user: editor, apiKey: { id: 1, name: 'k', scope: 'admin', holder: { kind: 'gone' } }, ip: null }).type).toBe('anonymous');
  });
});
