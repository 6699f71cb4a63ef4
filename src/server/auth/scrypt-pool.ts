/**
 * Runs scrypt computations a few at a time: each takes 128 MB and ~0.4 s of a core, so a burst of sign-ins
 * from many addresses must queue rather than take the process's memory. A full queue refuses with 429.
 */
import { RateLimitedError } from '../errors';

const MAX_PARALLEL = 2;
const MAX_WAITING = 64;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs job when a slot is free; throws RateLimitedError at once when too many are already waiting. */
export async function inScryptPool<T>(job: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) {
    if (waiting.length >= MAX_WAITING) throw new RateLimitedError('Sign-in is busy right now. Try again in a few seconds.');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    // The slot passes straight to the next in line, so `running` stays the same.
    if (next) next();
    else running--;
  }
}
