import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { actorOf, hasRole, mayAct, requireAction, roleForPath } from './permissions';

const editor = { user: { id: 2, email: 'ed@example.com', role: 'editor' as const }, apiKey: null };
const admin = { user: { id: 1, email: 'ad@example.com', role: 'admin' as const }, apiKey: null };
const key = { user: null, apiKey: { id: 9, name: 'ci' } };
const nobody = { user: null, apiKey: null };

describe('roleForPath', () => {
  it.each([
    ['/admin', 'editor'],
    ['/admin/incidents/3', 'editor'],
    ['/admin/components', 'editor'],
    ['/admin/users', 'admin'],
    ['/admin/users/', 'admin'],
    ['/admin/api-keys', 'admin'],
    ['/admin/audit', 'admin'],
    ['/admin/settings', 'admin'],
    ['/admin/usersx', 'editor'],
    ['/admin/monitors', 'editor'],
    ['/admin/monitors/3', 'editor'],
    ['/admin/monitors/new', 'admin'],
    ['/admin/webhooks', 'admin'],
  ])('%s needs %s', (path, role) => expect(roleForPath(path)).toBe(role));
});

describe('requireAction', () => {
  it.each([
    ['incident.update', editor, null],
    ['incident.delete', editor, ForbiddenError],
    ['incident.delete', admin, null],
    ['component.status', editor, null],
    ['component.create', editor, ForbiddenError],
    ['component.create', key, null],
    ['template.delete', editor, ForbiddenError],
    ['incident.update', nobody, UnauthorizedError],
    ...(['monitor.create', 'monitor.edit', 'monitor.delete', 'monitor.test', 'webhook.add', 'webhook.remove', 'webhook.enable'] as const).flatMap((a) => [
      [a, editor, ForbiddenError] as const,
      [a, admin, null] as const,
      [a, nobody, UnauthorizedError] as const,
    ]),
    ['monitor.pause', editor, null],
    ['monitor.resume', editor, null],
    ['monitor.pause', nobody, UnauthorizedError],
  ] as const)('%s', (action, who, error) => {
    if (error) expect(() => requireAction(who, action)).toThrow(error);
    else expect(() => requireAction(who, action)).not.toThrow();
    expect(mayAct(who, action)).toBe(error === null);
  });

  it('ranks admin above editor', () => {
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('editor', 'admin')).toBe(false);
    expect(hasRole(undefined, 'editor')).toBe(false);
  });
});

describe('actorOf', () => {
  it('names the person or the key and keeps the IP', () => {
    expect(actorOf(editor, '192.0.2.1')).toMatchObject({ type: 'user', name: 'ed@example.com', ip: '192.0.2.1', role: 'editor' });
    expect(actorOf(key, null)).toMatchObject({ type: 'apikey', name: 'key:ci' });
    expect(() => actorOf(nobody, null)).toThrow(UnauthorizedError);
  });
});
