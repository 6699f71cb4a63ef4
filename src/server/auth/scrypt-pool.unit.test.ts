import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors';
import { inScryptPool } from './scrypt-pool';

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('inScryptPool', () => {
  it('runs two jobs at a time, queues the rest in order, refuses beyond 64 waiting', async () => {
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 66 }, gate);
    const jobs = gates.map((g, i) =>
      inScryptPool(async () => {
        active++;
        peak = Math.max(peak, active);
        await g.p;
        order.push(i);
        active--;
        return i;
      }),
    );
    await expect(inScryptPool(async () => 0)).rejects.toBeInstanceOf(RateLimitedError);
    for (const g of gates) g.open();
    expect(await Promise.all(jobs)).toEqual(gates.map((_, i) => i));
    expect(peak).toBe(2);
    expect(order).toEqual(gates.map((_, i) => i));
    // The pool is free again.
    expect(await inScryptPool(async () => 'ok')).toBe('ok');
  });

  it('frees the slot when a job throws', async () => {
    await expect(inScryptPool(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(inScryptPool(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(inScryptPool(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await inScryptPool(async () => 1)).toBe(1);
  });
});
