/** Statuspage's per-key request budget, with the headers its clients read; in memory, per server process. */
import { ClearingMemo } from '../../domain/clearing-memo';
import { takeTokens, type Bucket } from '../../domain/token-bucket';
import type { Actor } from '../services/actor';
import { getConfig } from '../config';

const buckets = new ClearingMemo<string, Bucket>(10_000);

export interface RateAnswer {
  ok: boolean;
  headers: Record<string, string>;
}

/** Whose budget a request spends: its key, else its operator. */
function budgetOf(actor: Actor): string {
  if (actor.type === 'apikey') return `key:${actor.apiKeyId}`;
  return actor.type === 'user' ? `user:${actor.userId}` : actor.type;
}

/** Spends one request of the actor's minute budget (a burst of a minute's worth, refilled evenly). */
export function spendRequest(actor: Actor, now: number): RateAnswer {
  const perMinute = getConfig().apiRatePerMinute;
  const who = budgetOf(actor);
  const take = takeTokens(buckets.get(who), 1, now, { capacity: perMinute, perSecond: perMinute / 60 });
  buckets.set(who, take.bucket);
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(perMinute),
    'x-ratelimit-remaining': String(Math.floor(take.bucket.tokens)),
  };
  if (!take.ok) headers['retry-after'] = String(Math.max(1, Math.ceil(take.retryAfterMs / 1000)));
  return { ok: take.ok, headers };
}
