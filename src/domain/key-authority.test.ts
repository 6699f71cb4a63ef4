import { describe, expect, it } from 'vitest';
import type { ApiKeyScope, Role } from './enums';
import { keyAuthority, type KeyHolder } from './key-authority';
import { hasRole, lesserRole } from './roles';

const user = (role: Role, disabled = false): KeyHolder => ({ kind: 'user', role, disabled });

describe('keyAuthority: the lesser of scope and holder', () => {
  it.each<[ApiKeyScope, KeyHolder, ReturnType<typeof keyAuthority>]>([
    ['admin', user('admin'), { role: 'admin', readOnly: false }],
    ['admin', user('editor'), { role: 'editor', readOnly: false }],
    ['write', user('admin'), { role: 'editor', readOnly: false }],
    ['write', user('editor'), { role: 'editor', readOnly: false }],
    ['read', user('admin'), { role: 'editor', readOnly: true }],
    ['read', user('editor'), { role: 'editor', readOnly: true }],
    ['admin', user('admin', true), null],
    ['read', user('editor', true), null],
    ['admin', { kind: 'gone' }, null],
    ['read', { kind: 'gone' }, null],
    ['admin', { kind: 'console' }, { role: 'admin', readOnly: false }],
    ['write', { kind: 'console' }, { role: 'editor', readOnly: false }],
    ['read', { kind: 'console' }, { role: 'editor', readOnly: true }],
  ])('%s key held by %j → %j', (scope, holder, expected) => expect(keyAuthority(scope, holder)).toEqual(expected));
});

describe('roles', () => {
  it.each<[Role | null, Role, boolean]>([
    ['admin', 'admin', true],
    ['admin', 'editor', true],
    ['editor', 'editor', true],
    ['editor', 'admin', false],
    [null, 'editor', false],
  ])('%s holds %s: %s', (role, needed, expected) => expect(hasRole(role, needed)).toBe(expected));

  it.each<[Role, Role, Role]>([
    ['admin', 'admin', 'admin'],
    ['admin', 'editor', 'editor'],
    ['editor', 'admin', 'editor'],
    ['editor', 'editor', 'editor'],
  ])('lesser of %s and %s is %s', (a, b, expected) => expect(lesserRole(a, b)).toBe(expected));
});
