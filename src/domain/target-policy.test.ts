import { describe, expect, it } from 'vitest';
import { ADDRESS_CLASSES, DEFAULT_TARGET_POLICY, refusalReason, stricterClass, type AddressClass, type TargetPolicy } from './target-policy';

const ALL_OFF: TargetPolicy = { allowPrivate: false, allowLinkLocal: false };
const ALL_ON: TargetPolicy = { allowPrivate: true, allowLinkLocal: true };

describe('refusalReason', () => {
  it.each<[AddressClass, TargetPolicy, boolean]>([
    ['public', ALL_OFF, true],
    ['private', DEFAULT_TARGET_POLICY, true],
    ['private', ALL_OFF, false],
    ['link-local', DEFAULT_TARGET_POLICY, false],
    ['link-local', { allowPrivate: false, allowLinkLocal: true }, true],
    ['unusable', ALL_ON, false],
  ])('%s under %j allowed=%s', (cls, policy, allowed) => {
    expect(refusalReason(cls, policy) === null).toBe(allowed);
  });

  it('defaults: private allowed, link-local refused', () => {
    expect(DEFAULT_TARGET_POLICY).toEqual({ allowPrivate: true, allowLinkLocal: false });
    expect(ADDRESS_CLASSES.filter((c) => refusalReason(c, DEFAULT_TARGET_POLICY) === null)).toEqual(['private', 'public']);
  });
});

describe('stricterClass', () => {
  it.each<[AddressClass, AddressClass, AddressClass]>([
    ['public', 'link-local', 'link-local'],
    ['link-local', 'public', 'link-local'],
    ['private', 'link-local', 'link-local'],
    ['unusable', 'private', 'unusable'],
    ['public', 'public', 'public'],
  ])('%s and %s: %s', (a, b, out) => expect(stricterClass(a, b)).toBe(out));
});
