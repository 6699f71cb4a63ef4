/** Strict parsing of query parameters: malformed values become a 400, never a 500. */
import { isSlug } from '../../domain/slug';

export class QueryError extends Error {}

/** A positive integer parameter within [1, max], or the fallback when absent. */
export function intParam(search: URLSearchParams, name: string, fallback: number, max = 1_000_000): number {
  const raw = search.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new QueryError(`"${name}" must be a whole number between 1 and ${max}.`);
  return Number(raw);
}

/** A slug parameter (lowercase letters, digits, dashes) or null when absent. */
export function slugParam(search: URLSearchParams, name: string): string | null {
  const raw = search.get(name);
  if (raw === null || raw === '') return null;
  if (!isSlug(raw)) throw new QueryError(`"${name}" is not a valid component.`);
  return raw;
}
