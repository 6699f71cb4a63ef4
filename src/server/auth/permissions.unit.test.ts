import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { actorFor } from '../services/actor';
import { authorize, can, hasRole, PERMISSIONS, roleForPath } from './permissions';

const editor = actorFor({ user: { id: 2, email: 'ed@example.com', role: 'editor' }, apiKey: null, ip: '192.0.2.1' });
const admin = actorFor({ user: { id: 1, email: 'ad@example.com', role: 'admin' }, apiKey: null, ip: null });
const key = actorFor({ user: null, apiKey: { id: 9, name: 'ci', scope: 'admin', holder: { kind: 'console' } }, ip: null });
const writeKey = actorFor({ user: null, apiKey: { id: 10, name: 'bot', scope: 'write', holder: { kind: 'console' } }, ip: null });
const readKey = actorFor({ user: null, apiKey: { id: 11, name: 'dash', scope: 'read', holder: { kind: 'console' } }, ip: null });
const nobody = actorFor({ user: null, apiKey: null, ip: '192.0.2.9' });

describe('roleForPath (the middleware second wall)', () => {
  it.each([
    ['/admin', 'editor'],
    ['/admin/incidents/3', 'editor'],
    ['/admin/components', 'editor'],
    ['/admin/users', 'admin'],
    ['/admin/users/', 'admin'],
    ['/admin/api-keys', 'admin'],
    ['/admin/audit', 'admin'],
    ['/admin/settings', 'admin'],
    ['/admin/webhooks', 'admin'],
    ['/admin/usersx', 'editor'],
  ])('%s needs %s', (path, role) => expect(roleForPath(path)).toBe(role));
});

describe('API key scopes', () => {
  it('a read key holds every read permission an editor holds and no other', () => {
    for (const p of PERMISSIONS.keys()) {
      const reads = p === 'admin.open' || /\.read(Draft)?$/.test(p);
      expect(can(readKey, p), p).toBe(reads && can(editor, p));
    }
  });
  it('a write key is an editor, an admin key an admin', () => {
    for (const p of PERMISSIONS.keys()) {
      expect(can(writeKey, p), p).toBe(can(editor, p));
      expect(can(key, p), p).toBe(can(admin, p));
    }
  });
});

describe('authorize', () => {
  it.each([
    ['incident.update', editor, null],
    ['incident.delete', editor, ForbiddenError],
    ['incident.delete', admin, null],
    ['component.status', editor, null],
    ['component.create', editor, ForbiddenError],
    ['component.create', key, null],
    ['template.delete', editor, ForbiddenError],
    ['monitor.create', editor, ForbiddenError],
    ['monitor.pause', editor, null],
    ['webhook.add', editor, ForbiddenError],
    ['settings.update', editor, ForbiddenError],
    ['incident.update', nobody, UnauthorizedError],
    ['setup.complete', nobody, null],
    ['no.such.permission', admin, ForbiddenError],
    ['__proto__', admin, ForbiddenError],
    ['constructor', admin, ForbiddenError],
    ['toString', admin, ForbiddenError],
  ] as const)('%s', (permission, who, error) => {
    if (error) expect(() => authorize(who, permission)).toThrow(error);
    else expect(() => authorize(who, permission)).not.toThrow();
  });

  it('ranks admin above editor and denies unknown roles', () => {
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('editor', 'admin')).toBe(false);
    expect(hasRole(undefined, 'editor')).toBe(false);
    expect(hasRole(null, 'editor')).toBe(false);
  });

  it('every permission needs a known role or is explicitly open to anyone', () => {
    for (const [name, needed] of PERMISSIONS) expect(['anyone', 'editor', 'admin'], name).toContain(needed);
    expect([...PERMISSIONS].filter(([, n]) => n === 'anyone').map(([p]) => p)).toEqual(['setup.complete', 'subscriber.subscribe', 'subscriber.confirm', 'subscriber.manage', 'subscriber.unsubscribe', 'webhook.subscribe', 'webhook.confirm', 'webhook.unsubscribe', 'viewerToken.create', 'viewerToken.revoke', 'viewer.requestLink', 'viewer.signInByLink']);
  });

  it('nobody may do anything that needs a sign-in', () => {
    for (const [name, needed] of PERMISSIONS) if (needed !== 'anyone') expect(can(nobody, name), name).toBe(false);
  });
});

describe('actorFor', () => {
  it('names the person or the key and keeps the IP', () => {
    expect(editor).toMatchObject({ type: 'user', name: 'ed@example.com', ip: '192.0.2.1', role: 'editor', userId: 2 });
    expect(key).toMatchObject({ type: 'apikey', name: 'key:ci', role: 'admin', apiKeyId: 9 });
    expect(nobody).toMatchObject({ type: 'anonymous', role: null, ip: '192.0.2.9' });
  });
});
