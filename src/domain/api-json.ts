/**
 * The write API's one JSON style: snake_case field names and ISO 8601 times. Rows kept camelCase with epoch
 * milliseconds inside the server are converted once on the way out (the RPC verbs' results).
 */

/** `lastUsedAt` → `last_used_at`; names already in snake_case are unchanged. */
export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

const TIME_FIELD = /(_at|_date|^scheduled_for|^scheduled_until)$/;

/** Whether a (snake_case) field holds a time: `created_at`, `start_date`, `scheduled_for`, `scheduled_until`. */
export function isTimeField(key: string): boolean {
  return TIME_FIELD.test(key);
}

/** A value in the API's style: keys in snake_case, epoch-ms numbers of time fields as ISO strings, recursively. */
export function toApiJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toApiJson);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = snakeCase(k);
    out[key] = isTimeField(key) && typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString() : toApiJson(v);
  }
  return out;
}
