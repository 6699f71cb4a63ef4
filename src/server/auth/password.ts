/**
 * Password hashing with scrypt (memory-hard) and a per-user salt; constant-time verification.
 * Stored as `scrypt$N$r$p$salt$key`, so hashes made at an older cost still verify and can be upgraded.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { inScryptPool } from './scrypt-pool';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current recommendation for scrypt. */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 64;
// Stored hashes above this are refused rather than computed: a bad row must not exhaust memory.
const MAX_N = 2 ** 20;

/** scrypt needs 128·N·r bytes; OpenSSL refuses unless maxmem is above it, so leave headroom. */
function options(c: ScryptCost): ScryptOptions {
  return { N: c.N, r: c.r, p: c.p, maxmem: 128 * c.N * c.r + 32 * 1024 * 1024 };
}

function format(c: ScryptCost, salt: Buffer, key: Buffer): string {
  return `scrypt$${c.N}$${c.r}$${c.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Hashes synchronously (about 0.3 s at the current cost); `cost` exists for tests of older hashes. */
export function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): string {
  const salt = randomBytes(16);
  return format(cost, salt, scryptSync(password.normalize('NFKC'), salt, KEYLEN, options(cost)));
}

/** Like hashPassword, on the thread pool, so sign-in does not stall other requests. */
export function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  return inScryptPool(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEYLEN, options(SCRYPT_COST), (err, key) => (err ? reject(err) : resolve(format(SCRYPT_COST, salt, key))));
      }),
  );
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,8}$/.test(x) ? Number(x) : NaN));
  if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return null;
  const key = Buffer.from(parts[5], 'base64');
  if (key.length < 16) return null;
  return { cost: { N, r, p }, salt: Buffer.from(parts[4], 'base64'), key };
}

/** Verifies at the stored hash's own cost; a burst of verifications queues (scrypt-pool.ts). */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return Promise.resolve(false);
  return inScryptPool(
    () =>
      new Promise((resolve) => {
        scrypt(password.normalize('NFKC'), h.salt, h.key.length, options(h.cost), (err, key) => {
          resolve(!err && key.length === h.key.length && timingSafeEqual(key, h.key));
        });
      }),
  );
}

/** True when a stored hash was made at a lower cost than today's (rehash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const h = parseHash(stored);
  if (!h) return true;
  return h.cost.N < SCRYPT_COST.N || h.cost.r < SCRYPT_COST.r || h.cost.p < SCRYPT_COST.p || h.key.length < KEYLEN;
}
