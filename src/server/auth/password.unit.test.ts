import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, SCRYPT_COST, verifyPassword } from './password';

const OLD = { N: 2 ** 14, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores the cost in the hash (N = 2^17, r = 8, p = 1) with a fresh salt each time', async () => {
    const a = hashPassword('correct horse battery');
    const b = hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b);
    expect(SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('verifies hashes made at the old cost, and flags them for rehashing', async () => {
    const old = hashPassword('correct horse battery', OLD);
    expect(old.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery', old)).toBe(true);
    expect(await verifyPassword('wrong', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['bcrypt$10$abc', 'another algorithm'],
    ['scrypt$16384$8$1$c2FsdA==', 'missing key'],
    ['scrypt$16383$8$1$c2FsdA==$' + 'A'.repeat(88), 'N not a power of two'],
    ['scrypt$4194304$8$1$c2FsdA==$' + 'A'.repeat(88), 'N too large to compute safely'],
    ['scrypt$16384$999$1$c2FsdA==$' + 'A'.repeat(88), 'r out of range'],
    ['scrypt$16384$8$1$c2FsdA==$AAAA', 'key too short'],
  ])('refuses a malformed stored hash (%s: %s) without throwing', async (stored) => {
    expect(await verifyPassword('anything at all', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });
});
